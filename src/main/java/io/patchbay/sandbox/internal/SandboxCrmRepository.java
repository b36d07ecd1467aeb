package io.patchbay.sandbox.internal;

import static io.patchbay.db.Tables.SANDBOX_CRM_CONTACT;

import io.patchbay.db.tables.records.SandboxCrmContactRecord;
import io.patchbay.sandbox.SandboxContact;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Sandbox CRM's contacts, each in the sandbox account of one tenant: every query is scoped by the tenant in
 * scope (the signed-in user's, or the account an API key belongs to).
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
@ConditionalOnProperty(name = "patchbay.sandbox.enabled", havingValue = "true")
public class SandboxCrmRepository {

    private final DSLContext db;

    SandboxCrmRepository(DSLContext db) {
        this.db = db;
    }

    /**
     * Up to {@code limit} contacts changed at or after {@code updatedSince}, oldest change first, from page {@code
     * page} of pages of {@code pageSize}.
     */
    List<SandboxContact> page(@Nullable Instant updatedSince, int page, int pageSize, int limit) {
        return db.selectFrom(SANDBOX_CRM_CONTACT)
                .where(mine(), since(updatedSince))
                .orderBy(SANDBOX_CRM_CONTACT.UPDATED_AT, SANDBOX_CRM_CONTACT.ID)
                .offset((long) (page - 1) * pageSize)
                .limit(limit)
                .fetch(SandboxCrmRepository::toContact);
    }

    public int count(@Nullable Instant updatedSince) {
        return db.fetchCount(SANDBOX_CRM_CONTACT, mine().and(since(updatedSince)));
    }

    Optional<SandboxContact> find(long id) {
        return db.selectFrom(SANDBOX_CRM_CONTACT)
                .where(mine(), SANDBOX_CRM_CONTACT.ID.eq(id))
                .fetchOptional(SandboxCrmRepository::toContact);
    }

    public List<SandboxContact> recentlyChanged(int limit) {
        return db.selectFrom(SANDBOX_CRM_CONTACT)
                .where(mine())
                .orderBy(SANDBOX_CRM_CONTACT.UPDATED_AT.desc(), SANDBOX_CRM_CONTACT.ID.desc())
                .limit(limit)
                .fetch(SandboxCrmRepository::toContact);
    }

    public SandboxContact insert(
            String firstName, String lastName, String email, @Nullable String company, @Nullable String phone) {
        return toContact(db.insertInto(SANDBOX_CRM_CONTACT)
                .set(SANDBOX_CRM_CONTACT.TENANT_ID, tenant())
                .set(SANDBOX_CRM_CONTACT.FIRST_NAME, firstName)
                .set(SANDBOX_CRM_CONTACT.LAST_NAME, lastName)
                .set(SANDBOX_CRM_CONTACT.EMAIL, email)
                .set(SANDBOX_CRM_CONTACT.COMPANY, company)
                .set(SANDBOX_CRM_CONTACT.PHONE, phone)
                .returning()
                .fetchSingle());
    }

    /** Inserts many contacts with distinct, increasing change times ending now; for seeding. */
    void insertAll(List<SandboxContact> contacts) {
        if (contacts.isEmpty()) {
            return;
        }
        UUID tenant = tenant();
        var insert = db.insertInto(
                SANDBOX_CRM_CONTACT,
                SANDBOX_CRM_CONTACT.TENANT_ID,
                SANDBOX_CRM_CONTACT.FIRST_NAME,
                SANDBOX_CRM_CONTACT.LAST_NAME,
                SANDBOX_CRM_CONTACT.EMAIL,
                SANDBOX_CRM_CONTACT.COMPANY,
                SANDBOX_CRM_CONTACT.PHONE,
                SANDBOX_CRM_CONTACT.CREATED_AT,
                SANDBOX_CRM_CONTACT.UPDATED_AT);
        for (SandboxContact c : contacts) {
            insert = insert.values(
                    tenant,
                    c.firstName(),
                    c.lastName(),
                    c.email(),
                    c.company(),
                    c.phone(),
                    c.createdAt().atOffset(ZoneOffset.UTC),
                    c.updatedAt().atOffset(ZoneOffset.UTC));
        }
        insert.execute();
    }

    /** What an upsert by email did. */
    enum Upserted {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    record Upsert(Upserted result, SandboxContact contact) {}

    /** Creates the contact with this email, or brings the existing one to these values; unchanged if it has them. */
    Upsert upsertByEmail(
            String email, String firstName, String lastName, @Nullable String company, @Nullable String phone) {
        var existing = db.selectFrom(SANDBOX_CRM_CONTACT)
                .where(mine(), DSL.lower(SANDBOX_CRM_CONTACT.EMAIL).eq(email.toLowerCase(java.util.Locale.ROOT)))
                .orderBy(SANDBOX_CRM_CONTACT.ID)
                .limit(1)
                .forUpdate()
                .fetchOptional(SandboxCrmRepository::toContact);
        if (existing.isEmpty()) {
            return new Upsert(Upserted.CREATED, insert(firstName, lastName, email, company, phone));
        }
        SandboxContact contact = existing.get();
        boolean same = contact.firstName().equals(firstName)
                && contact.lastName().equals(lastName)
                && java.util.Objects.equals(contact.company(), company)
                && java.util.Objects.equals(contact.phone(), phone);
        if (same) {
            return new Upsert(Upserted.UNCHANGED, contact);
        }
        var updated = db.update(SANDBOX_CRM_CONTACT)
                .set(SANDBOX_CRM_CONTACT.FIRST_NAME, firstName)
                .set(SANDBOX_CRM_CONTACT.LAST_NAME, lastName)
                .set(SANDBOX_CRM_CONTACT.COMPANY, company)
                .set(SANDBOX_CRM_CONTACT.PHONE, phone)
                .set(
                        SANDBOX_CRM_CONTACT.UPDATED_AT,
                        DSL.field("clock_timestamp()", SANDBOX_CRM_CONTACT.UPDATED_AT.getType()))
                .where(mine(), SANDBOX_CRM_CONTACT.ID.eq(contact.id()))
                .returning()
                .fetchSingle();
        return new Upsert(Upserted.UPDATED, toContact(updated));
    }

    Optional<SandboxContact> update(long id, ContactChanges changes) {
        var update = db.update(SANDBOX_CRM_CONTACT)
                .set(
                        SANDBOX_CRM_CONTACT.UPDATED_AT,
                        DSL.field("clock_timestamp()", SANDBOX_CRM_CONTACT.UPDATED_AT.getType()));
        if (changes.firstName() != null) update = update.set(SANDBOX_CRM_CONTACT.FIRST_NAME, changes.firstName());
        if (changes.lastName() != null) update = update.set(SANDBOX_CRM_CONTACT.LAST_NAME, changes.lastName());
        if (changes.email() != null) update = update.set(SANDBOX_CRM_CONTACT.EMAIL, changes.email());
        if (changes.company() != null) update = update.set(SANDBOX_CRM_CONTACT.COMPANY, changes.company());
        if (changes.phone() != null) update = update.set(SANDBOX_CRM_CONTACT.PHONE, changes.phone());
        return update.where(mine(), SANDBOX_CRM_CONTACT.ID.eq(id))
                .returning()
                .fetchOptional()
                .map(SandboxCrmRepository::toContact);
    }

    /** Changes the phone number of {@code count} random contacts, each at its own instant. */
    public List<Long> touchRandom(int count) {
        List<Long> ids = db.select(SANDBOX_CRM_CONTACT.ID)
                .from(SANDBOX_CRM_CONTACT)
                .where(mine())
                .orderBy(DSL.rand())
                .limit(count)
                .fetch(SANDBOX_CRM_CONTACT.ID);
        for (Long id : ids) {
            String phone = "+1 555 " + String.format("%04d", (int) (Math.random() * 10_000));
            update(id, new ContactChanges(null, null, null, null, phone));
        }
        return ids;
    }

    public void setEmail(long id, String email) {
        update(id, new ContactChanges(null, null, email, null, null));
    }

    /**
     * Spoils the email of {@code count} random contacts the way hand-typed data goes wrong ({@code ada(at)example.com}),
     * each at its own instant: records a sync must quarantine, for demos and tests of validation.
     */
    public List<Long> spoilEmails(int count) {
        List<Long> ids = db.select(SANDBOX_CRM_CONTACT.ID)
                .from(SANDBOX_CRM_CONTACT)
                .where(mine(), SANDBOX_CRM_CONTACT.EMAIL.contains("@"))
                .orderBy(DSL.rand())
                .limit(count)
                .fetch(SANDBOX_CRM_CONTACT.ID);
        for (Long id : ids) {
            db.update(SANDBOX_CRM_CONTACT)
                    .set(SANDBOX_CRM_CONTACT.EMAIL, DSL.replace(SANDBOX_CRM_CONTACT.EMAIL, "@", "(at)"))
                    .set(SANDBOX_CRM_CONTACT.UPDATED_AT, DSL.currentOffsetDateTime())
                    .where(mine(), SANDBOX_CRM_CONTACT.ID.eq(id))
                    .execute();
        }
        return ids;
    }

    private static UUID tenant() {
        return CurrentTenant.require().value();
    }

    private static Condition mine() {
        return SANDBOX_CRM_CONTACT.TENANT_ID.eq(tenant());
    }

    private static Condition since(@Nullable Instant updatedSince) {
        return updatedSince == null
                ? DSL.noCondition()
                : SANDBOX_CRM_CONTACT.UPDATED_AT.ge(updatedSince.atOffset(ZoneOffset.UTC));
    }

    private static SandboxContact toContact(SandboxCrmContactRecord r) {
        return new SandboxContact(
                r.getId(),
                r.getFirstName(),
                r.getLastName(),
                r.getEmail(),
                r.getCompany(),
                r.getPhone(),
                r.getCreatedAt().toInstant(),
                r.getUpdatedAt().toInstant());
    }

    /** Fields to change; null leaves a field as it is. */
    record ContactChanges(
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String email,
            @Nullable String company,
            @Nullable String phone) {}
}
