package io.patchbay.catalog.internal.templates;

import static io.patchbay.db.Tables.TEMPLATE;
import static io.patchbay.db.Tables.TEMPLATE_TENANT;
import static io.patchbay.db.Tables.TEMPLATE_VERSION;

import io.patchbay.catalog.TemplateAudience;
import io.patchbay.catalog.TemplateDraft;
import io.patchbay.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The template library's rows: the operator's, not a tenant's (ADR 12). */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
public class TemplateLibraryRepository {

    private static final String EVERYONE = "everyone";
    private static final String CHOSEN = "chosen";

    private final DSLContext db;

    TemplateLibraryRepository(DSLContext db) {
        this.db = db;
    }

    /** False when a template with that id exists already. */
    public boolean insert(String id, String name, String draftYaml, String createdBy) {
        return db.insertInto(TEMPLATE)
                        .set(TEMPLATE.ID, id)
                        .set(TEMPLATE.NAME, name)
                        .set(TEMPLATE.DRAFT_YAML, draftYaml)
                        .set(TEMPLATE.CREATED_BY, createdBy)
                        .onConflictDoNothing()
                        .execute()
                == 1;
    }

    /** Saves the draft if it is still at {@code revision}; false when someone saved it meanwhile. */
    public boolean saveDraft(String id, int revision, String name, String draftYaml) {
        return db.update(TEMPLATE)
                        .set(TEMPLATE.NAME, name)
                        .set(TEMPLATE.DRAFT_YAML, draftYaml)
                        .set(TEMPLATE.DRAFT_REVISION, TEMPLATE.DRAFT_REVISION.plus(1))
                        .set(TEMPLATE.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .where(TEMPLATE.ID.eq(id))
                        .and(TEMPLATE.DRAFT_REVISION.eq(revision))
                        .execute()
                == 1;
    }

    public void insertVersion(String id, int version, String yaml, String releaseNotes, String publishedBy) {
        db.insertInto(TEMPLATE_VERSION)
                .set(TEMPLATE_VERSION.TEMPLATE_ID, id)
                .set(TEMPLATE_VERSION.VERSION, version)
                .set(TEMPLATE_VERSION.YAML, yaml)
                .set(TEMPLATE_VERSION.RELEASE_NOTES, releaseNotes)
                .set(TEMPLATE_VERSION.PUBLISHED_BY, publishedBy)
                .execute();
    }

    public Optional<TemplateDraft> draft(String id) {
        return draftQuery().where(TEMPLATE.ID.eq(id)).fetchOptional(this::toDraft);
    }

    /** Locks the draft's row for the rest of the transaction, so two publications take turns. */
    public Optional<TemplateDraft> lockDraft(String id) {
        return draftQuery().where(TEMPLATE.ID.eq(id)).forUpdate().of(TEMPLATE).fetchOptional(this::toDraft);
    }

    public List<TemplateDraft> drafts() {
        return draftQuery().orderBy(TEMPLATE.NAME, TEMPLATE.ID).fetch(this::toDraft);
    }

    /** Every published version's YAML of one template, oldest first. */
    public List<String> versions(String id) {
        return db.select(TEMPLATE_VERSION.YAML)
                .from(TEMPLATE_VERSION)
                .where(TEMPLATE_VERSION.TEMPLATE_ID.eq(id))
                .orderBy(TEMPLATE_VERSION.VERSION)
                .fetch(TEMPLATE_VERSION.YAML);
    }

    /** The newest published version's YAML of every built template offered to this tenant. */
    public List<String> latestVersions(TenantId tenant) {
        var newest = TEMPLATE_VERSION.as("newer");
        return db.select(TEMPLATE_VERSION.YAML)
                .from(TEMPLATE_VERSION)
                .join(TEMPLATE)
                .on(TEMPLATE.ID.eq(TEMPLATE_VERSION.TEMPLATE_ID))
                .where(offeredTo(tenant))
                .andNotExists(DSL.selectOne()
                        .from(newest)
                        .where(newest.TEMPLATE_ID.eq(TEMPLATE_VERSION.TEMPLATE_ID))
                        .and(newest.VERSION.gt(TEMPLATE_VERSION.VERSION)))
                .fetch(TEMPLATE_VERSION.YAML);
    }

    public Optional<String> version(String id, int version) {
        return db.select(TEMPLATE_VERSION.YAML)
                .from(TEMPLATE_VERSION)
                .where(TEMPLATE_VERSION.TEMPLATE_ID.eq(id))
                .and(TEMPLATE_VERSION.VERSION.eq(version))
                .fetchOptional(TEMPLATE_VERSION.YAML);
    }

    /** Who the template is offered to from now on: every tenant, or the chosen ones. */
    public void offerTo(String id, TemplateAudience audience) {
        db.update(TEMPLATE)
                .set(TEMPLATE.AUDIENCE, audience.everyone() ? EVERYONE : CHOSEN)
                .where(TEMPLATE.ID.eq(id))
                .execute();
        db.deleteFrom(TEMPLATE_TENANT).where(TEMPLATE_TENANT.TEMPLATE_ID.eq(id)).execute();
        for (TenantId tenant : audience.tenants()) {
            db.insertInto(TEMPLATE_TENANT)
                    .set(TEMPLATE_TENANT.TEMPLATE_ID, id)
                    .set(TEMPLATE_TENANT.TENANT_ID, tenant.value())
                    .execute();
        }
    }

    /** Takes the template out of every gallery; false when it was retired already. */
    public boolean retire(String id, String by) {
        return db.update(TEMPLATE)
                        .set(TEMPLATE.RETIRED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                        .set(TEMPLATE.RETIRED_BY, by)
                        .where(TEMPLATE.ID.eq(id), TEMPLATE.RETIRED_AT.isNull())
                        .execute()
                == 1;
    }

    /** Whether the template is offered to this tenant: not retired, and published to every tenant or to it. */
    public boolean offeredTo(String id, TenantId tenant) {
        return db.fetchExists(TEMPLATE, TEMPLATE.ID.eq(id).and(offeredTo(tenant)));
    }

    private static Condition offeredTo(TenantId tenant) {
        return TEMPLATE.RETIRED_AT
                .isNull()
                .and(TEMPLATE.AUDIENCE
                        .eq(EVERYONE)
                        .or(DSL.exists(DSL.selectOne()
                                .from(TEMPLATE_TENANT)
                                .where(
                                        TEMPLATE_TENANT.TEMPLATE_ID.eq(TEMPLATE.ID),
                                        TEMPLATE_TENANT.TENANT_ID.eq(tenant.value())))));
    }

    private org.jooq.SelectJoinStep<Record> draftQuery() {
        var latest = DSL.select(DSL.max(TEMPLATE_VERSION.VERSION))
                .from(TEMPLATE_VERSION)
                .where(TEMPLATE_VERSION.TEMPLATE_ID.eq(TEMPLATE.ID))
                .asField("latest");
        var chosen = DSL.array(DSL.select(TEMPLATE_TENANT.TENANT_ID)
                        .from(TEMPLATE_TENANT)
                        .where(TEMPLATE_TENANT.TEMPLATE_ID.eq(TEMPLATE.ID)))
                .as("chosen");
        return db.select(TEMPLATE.asterisk(), latest, chosen).from(TEMPLATE);
    }

    private TemplateDraft toDraft(Record r) {
        Integer latest = r.get("latest", Integer.class);
        UUID[] chosen = r.get("chosen", UUID[].class);
        return new TemplateDraft(
                r.get(TEMPLATE.ID),
                r.get(TEMPLATE.NAME),
                r.get(TEMPLATE.DRAFT_YAML),
                r.get(TEMPLATE.DRAFT_REVISION),
                latest == null ? 0 : latest,
                r.get(TEMPLATE.CREATED_BY),
                r.get(TEMPLATE.UPDATED_AT).toInstant(),
                EVERYONE.equals(r.get(TEMPLATE.AUDIENCE))
                        ? TemplateAudience.EVERYONE
                        : TemplateAudience.only(java.util.Arrays.stream(chosen == null ? new UUID[0] : chosen)
                                .map(TenantId::new)
                                .collect(java.util.stream.Collectors.toSet())),
                r.get(TEMPLATE.RETIRED_AT) == null
                        ? null
                        : r.get(TEMPLATE.RETIRED_AT).toInstant());
    }
}
