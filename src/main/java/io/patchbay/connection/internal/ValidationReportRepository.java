package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.VALIDATION_REPORT;

import io.patchbay.connection.ConnectionId;
import io.patchbay.connection.ValidationReport;
import io.patchbay.tenancy.CurrentTenant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/** Validation reports, the current tenant's; each run kept, the newest read back. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class ValidationReportRepository {

    private final DSLContext db;
    private final ObjectMapper json;

    ValidationReportRepository(DSLContext db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public void insert(ValidationReport report) {
        db.insertInto(VALIDATION_REPORT)
                .set(VALIDATION_REPORT.ID, UUID.randomUUID())
                .set(VALIDATION_REPORT.TENANT_ID, CurrentTenant.require().value())
                .set(VALIDATION_REPORT.CONNECTION_ID, report.connectionId().value())
                .set(VALIDATION_REPORT.CONNECTION_VERSION, report.connectionVersion())
                .set(VALIDATION_REPORT.PASSED, report.passed())
                .set(VALIDATION_REPORT.VERDICT, report.verdict())
                .set(VALIDATION_REPORT.REPORT, JSONB.valueOf(json.writeValueAsString(report)))
                .set(VALIDATION_REPORT.CREATED_BY, report.createdBy())
                .set(VALIDATION_REPORT.CREATED_AT, report.createdAt().atOffset(ZoneOffset.UTC))
                .execute();
    }

    public Optional<ValidationReport> newest(ConnectionId connection) {
        return db.select(VALIDATION_REPORT.REPORT)
                .from(VALIDATION_REPORT)
                .where(
                        VALIDATION_REPORT.TENANT_ID.eq(CurrentTenant.require().value()),
                        VALIDATION_REPORT.CONNECTION_ID.eq(connection.value()))
                .orderBy(VALIDATION_REPORT.CREATED_AT.desc())
                .limit(1)
                .fetchOptional(r -> json.readValue(r.value1().data(), ValidationReport.class));
    }
}
