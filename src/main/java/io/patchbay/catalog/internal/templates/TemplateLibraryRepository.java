package io.patchbay.catalog.internal.templates;

import static io.patchbay.db.Tables.TEMPLATE;
import static io.patchbay.db.Tables.TEMPLATE_VERSION;

import io.patchbay.catalog.TemplateDraft;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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

    /** The newest published version's YAML of every built template that has one. */
    public List<String> latestVersions() {
        var newest = TEMPLATE_VERSION.as("newer");
        return db.select(TEMPLATE_VERSION.YAML)
                .from(TEMPLATE_VERSION)
                .whereNotExists(DSL.selectOne()
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

    private org.jooq.SelectJoinStep<Record> draftQuery() {
        var latest = DSL.select(DSL.max(TEMPLATE_VERSION.VERSION))
                .from(TEMPLATE_VERSION)
                .where(TEMPLATE_VERSION.TEMPLATE_ID.eq(TEMPLATE.ID))
                .asField("latest");
        return db.select(TEMPLATE.asterisk(), latest).from(TEMPLATE);
    }

    private TemplateDraft toDraft(Record r) {
        Integer latest = r.get("latest", Integer.class);
        return new TemplateDraft(
                r.get(TEMPLATE.ID),
                r.get(TEMPLATE.NAME),
                r.get(TEMPLATE.DRAFT_YAML),
                r.get(TEMPLATE.DRAFT_REVISION),
                latest == null ? 0 : latest,
                r.get(TEMPLATE.CREATED_BY),
                r.get(TEMPLATE.UPDATED_AT).toInstant());
    }
}
