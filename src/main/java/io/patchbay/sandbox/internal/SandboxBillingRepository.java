package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_BILLING_CUSTOMER;
import static io.patchbay.db.Tables.SANDBOX_BILLING_INVOICE;

import io.patchbay.db.tables.records.SandboxBillingInvoiceRecord;
import io.patchbay.sandbox.SandboxCustomer;
import io.patchbay.sandbox.SandboxInvoice;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sandbox billing system's customers and invoices, each in the sandbox account of one tenant: every query is
 * scoped by the tenant in scope (the signed-in user's, or the account an access token was issued to).
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxBillingRepository {

    private final DSLContext db;

    SandboxBillingRepository(DSLContext db) {
        this.db = db;
    }

    /** A customer to seed. */
    record NewCustomer(String name, String email, Instant updatedAt) {}

    /** An invoice to seed; {@code customer} is an index into the customers seeded with it. */
    record NewInvoice(int customer, String number, long amountCents, String status, Instant at) {}

    /** Where a page starts: after the record with this change time and id (keyset order). */
    List<SandboxInvoice> invoices(@Nullable Instant updatedSince, @Nullable SandboxCursor after, int limit) {
        var i = SANDBOX_BILLING_INVOICE;
        return db.select(i.fields())
                .from(i)
                .where(i.TENANT_ID.eq(tenant()), since(i.UPDATED_AT, updatedSince))
                .and(
                        after == null
                                ? DSL.noCondition()
                                : DSL.row(i.UPDATED_AT, i.ID)
                                        .gt(after.updatedAt().atOffset(ZoneOffset.UTC), after.id()))
                .orderBy(i.UPDATED_AT, i.ID)
                .limit(limit)
                .fetch(SandboxBillingRepository::toInvoice);
    }

    List<SandboxCustomer> customers(@Nullable Instant updatedSince, @Nullable SandboxCursor after, int limit) {
        var c = SANDBOX_BILLING_CUSTOMER;
        return db.select(c.fields())
                .from(c)
                .where(c.TENANT_ID.eq(tenant()), since(c.UPDATED_AT, updatedSince))
                .and(
                        after == null
                                ? DSL.noCondition()
                                : DSL.row(c.UPDATED_AT, c.ID)
                                        .gt(after.updatedAt().atOffset(ZoneOffset.UTC), after.id()))
                .orderBy(c.UPDATED_AT, c.ID)
                .limit(limit)
                .fetch(r -> new SandboxCustomer(
                        r.get(c.ID),
                        r.get(c.NAME),
                        r.get(c.EMAIL),
                        r.get(c.UPDATED_AT).toInstant()));
    }

    public int invoiceCount() {
        return db.fetchCount(SANDBOX_BILLING_INVOICE, SANDBOX_BILLING_INVOICE.TENANT_ID.eq(tenant()));
    }

    public int customerCount() {
        return db.fetchCount(SANDBOX_BILLING_CUSTOMER, SANDBOX_BILLING_CUSTOMER.TENANT_ID.eq(tenant()));
    }

    /** Seeds customers and their invoices in two statements. */
    void insertAll(List<NewCustomer> customers, List<NewInvoice> invoices) {
        if (customers.isEmpty()) {
            return;
        }
        UUID tenant = tenant();
        var c = SANDBOX_BILLING_CUSTOMER;
        var insertCustomers = db.insertInto(c, c.TENANT_ID, c.NAME, c.EMAIL, c.CREATED_AT, c.UPDATED_AT);
        for (NewCustomer customer : customers) {
            insertCustomers = insertCustomers.values(
                    tenant, customer.name(), customer.email(), utc(customer.updatedAt()), utc(customer.updatedAt()));
        }
        // PostgreSQL returns the rows of a multi-row insert in the order of its VALUES
        List<Long> ids = insertCustomers.returning(c.ID).fetch(c.ID);
        var i = SANDBOX_BILLING_INVOICE;
        var insertInvoices = db.insertInto(
                i,
                i.TENANT_ID,
                i.CUSTOMER_ID,
                i.NUMBER,
                i.AMOUNT_CENTS,
                i.CURRENCY,
                i.STATUS,
                i.ISSUED_AT,
                i.UPDATED_AT);
        for (NewInvoice invoice : invoices) {
            insertInvoices = insertInvoices.values(
                    tenant,
                    ids.get(invoice.customer()),
                    invoice.number(),
                    invoice.amountCents(),
                    "EUR",
                    invoice.status(),
                    utc(invoice.at()),
                    utc(invoice.at()));
        }
        if (!invoices.isEmpty()) {
            insertInvoices.execute();
        }
    }

    /**
     * Issues new open invoices to random customers; returns them. Numbers continue the account's sequence; the
     * caller holds the account's lock, so two issues at once do not take the same number.
     */
    public List<SandboxInvoice> issueInvoices(int count) {
        var i = SANDBOX_BILLING_INVOICE;
        List<Long> customers = db.select(SANDBOX_BILLING_CUSTOMER.ID)
                .from(SANDBOX_BILLING_CUSTOMER)
                .where(SANDBOX_BILLING_CUSTOMER.TENANT_ID.eq(tenant()))
                .orderBy(DSL.rand())
                .limit(count)
                .fetch(SANDBOX_BILLING_CUSTOMER.ID);
        int next = invoiceCount() + 1;
        List<SandboxInvoice> issued = new ArrayList<>();
        for (Long customer : customers) {
            issued.add(db.insertInto(i)
                    .set(i.TENANT_ID, tenant())
                    .set(i.CUSTOMER_ID, customer)
                    .set(i.NUMBER, String.format("INV-%05d", next++))
                    .set(i.AMOUNT_CENTS, 1000L + (long) (Math.random() * 90_000))
                    .set(i.CURRENCY, "EUR")
                    .set(i.STATUS, "open")
                    .returning()
                    .fetchOne(SandboxBillingRepository::toInvoice));
        }
        return issued;
    }

    /** Marks some open invoices paid, as customers pay them; returns them. */
    public List<SandboxInvoice> payInvoices(int count) {
        var i = SANDBOX_BILLING_INVOICE;
        var open = db.select(i.ID)
                .from(i)
                .where(i.TENANT_ID.eq(tenant()), i.STATUS.eq("open"))
                .orderBy(DSL.rand())
                .limit(count);
        return db.update(i)
                .set(i.STATUS, "paid")
                .set(i.UPDATED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(i.TENANT_ID.eq(tenant()), i.ID.in(open))
                .returning()
                .fetch(SandboxBillingRepository::toInvoice);
    }

    static SandboxInvoice toInvoice(Record record) {
        SandboxBillingInvoiceRecord r = record.into(SANDBOX_BILLING_INVOICE);
        return new SandboxInvoice(
                r.getId(),
                r.getCustomerId(),
                r.getNumber(),
                r.getAmountCents(),
                r.getCurrency(),
                r.getStatus(),
                r.getIssuedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    private static UUID tenant() {
        return CurrentTenant.require().value();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Condition since(org.jooq.Field<OffsetDateTime> field, @Nullable Instant updatedSince) {
        return updatedSince == null ? DSL.noCondition() : field.ge(updatedSince.atOffset(ZoneOffset.UTC));
    }
}
