package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_BILLING_CUSTOMER;
import static io.patchbay.db.Tables.SANDBOX_BILLING_INVOICE;

import io.patchbay.db.tables.records.SandboxBillingInvoiceRecord;
import io.patchbay.sandbox.SandboxCustomer;
import io.patchbay.sandbox.SandboxInvoice;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The sandbox billing system's customers and invoices; a third party's data, so no tenant. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxBillingRepository {

    private final DSLContext db;

    SandboxBillingRepository(DSLContext db) {
        this.db = db;
    }

    /** Where a page starts: after the record with this change time and id (keyset order). */
    List<SandboxInvoice> invoices(@Nullable Instant updatedSince, @Nullable SandboxCursor after, int limit) {
        var i = SANDBOX_BILLING_INVOICE;
        return db.select(i.fields())
                .from(i)
                .where(since(i.UPDATED_AT, updatedSince))
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
                .where(since(c.UPDATED_AT, updatedSince))
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
        return db.fetchCount(SANDBOX_BILLING_INVOICE);
    }

    public int customerCount() {
        return db.fetchCount(SANDBOX_BILLING_CUSTOMER);
    }

    long insertCustomer(String name, String email, Instant updatedAt) {
        return db.insertInto(SANDBOX_BILLING_CUSTOMER)
                .set(SANDBOX_BILLING_CUSTOMER.NAME, name)
                .set(SANDBOX_BILLING_CUSTOMER.EMAIL, email)
                .set(SANDBOX_BILLING_CUSTOMER.CREATED_AT, updatedAt.atOffset(ZoneOffset.UTC))
                .set(SANDBOX_BILLING_CUSTOMER.UPDATED_AT, updatedAt.atOffset(ZoneOffset.UTC))
                .returning(SANDBOX_BILLING_CUSTOMER.ID)
                .fetchSingle()
                .getId();
    }

    void insertInvoice(long customerId, String number, long amountCents, String status, Instant at) {
        db.insertInto(SANDBOX_BILLING_INVOICE)
                .set(SANDBOX_BILLING_INVOICE.CUSTOMER_ID, customerId)
                .set(SANDBOX_BILLING_INVOICE.NUMBER, number)
                .set(SANDBOX_BILLING_INVOICE.AMOUNT_CENTS, amountCents)
                .set(SANDBOX_BILLING_INVOICE.CURRENCY, "EUR")
                .set(SANDBOX_BILLING_INVOICE.STATUS, status)
                .set(SANDBOX_BILLING_INVOICE.ISSUED_AT, at.atOffset(ZoneOffset.UTC))
                .set(SANDBOX_BILLING_INVOICE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    /** Issues new open invoices to random customers; returns them. */
    public List<SandboxInvoice> issueInvoices(int count) {
        List<Long> customers = db.select(SANDBOX_BILLING_CUSTOMER.ID)
                .from(SANDBOX_BILLING_CUSTOMER)
                .orderBy(DSL.rand())
                .limit(count)
                .fetch(SANDBOX_BILLING_CUSTOMER.ID);
        int next = invoiceCount() + 1;
        List<SandboxInvoice> issued = new java.util.ArrayList<>();
        for (Long customer : customers) {
            issued.add(db.insertInto(SANDBOX_BILLING_INVOICE)
                    .set(SANDBOX_BILLING_INVOICE.CUSTOMER_ID, customer)
                    .set(SANDBOX_BILLING_INVOICE.NUMBER, String.format("INV-%05d", next++))
                    .set(SANDBOX_BILLING_INVOICE.AMOUNT_CENTS, 1000L + (long) (Math.random() * 90_000))
                    .set(SANDBOX_BILLING_INVOICE.CURRENCY, "EUR")
                    .set(SANDBOX_BILLING_INVOICE.STATUS, "open")
                    .returning()
                    .fetchOne(SandboxBillingRepository::toInvoice));
        }
        return issued;
    }

    /** Marks some open invoices paid, as customers pay them; returns them. */
    public List<SandboxInvoice> payInvoices(int count) {
        var open = db.select(SANDBOX_BILLING_INVOICE.ID)
                .from(SANDBOX_BILLING_INVOICE)
                .where(SANDBOX_BILLING_INVOICE.STATUS.eq("open"))
                .orderBy(DSL.rand())
                .limit(count);
        return db.update(SANDBOX_BILLING_INVOICE)
                .set(SANDBOX_BILLING_INVOICE.STATUS, "paid")
                .set(SANDBOX_BILLING_INVOICE.UPDATED_AT, DSL.field("clock_timestamp()", OffsetDateTime.class))
                .where(SANDBOX_BILLING_INVOICE.ID.in(open))
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

    private static Condition since(org.jooq.Field<OffsetDateTime> field, @Nullable Instant updatedSince) {
        return updatedSince == null ? DSL.noCondition() : field.ge(updatedSince.atOffset(ZoneOffset.UTC));
    }
}
