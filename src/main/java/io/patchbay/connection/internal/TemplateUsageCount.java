package io.patchbay.connection.internal;

import static io.patchbay.db.Tables.CONNECTION;

import io.patchbay.catalog.TemplateUsage;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many connections are made from a template, across every tenant: the template library is the operator's (ADR
 * 12), and whether one of its templates is still in use is the operator's question. A count, never the connections.
 */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class TemplateUsageCount implements TemplateUsage {

    private final DSLContext db;

    TemplateUsageCount(DSLContext db) {
        this.db = db;
    }

    @Override
    public int connectionsUsing(String templateId) {
        return db.fetchCount(CONNECTION, CONNECTION.TEMPLATE_ID.eq(templateId));
    }
}
