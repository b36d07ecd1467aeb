package io.patchbay.sync.internal;

import io.patchbay.connection.ConnectionId;
import io.patchbay.mapping.MappedRecord;
import io.patchbay.validation.IdentityRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides which core record each new external record of a page is (ADR 15): after the identity link, the template's
 * match rules in order; the first rule that finds candidates decides. One candidate that no other record of this
 * connection already is: that record. Several, or one this connection already has under another external id: a new
 * core record, and a conflict for a person to resolve (nothing is merged on a guess, nothing is lost). Records earlier
 * in the same page count as candidates, so two rows of one upload about one person meet too.
 *
 * <p>Two connections syncing the same new person at once must not both create them: the page takes a transaction
 * lock on each of its keys first (sorted, so two pages never wait on each other in a circle), and the second page
 * finds what the first committed.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class IdentityResolution {

    private final DSLContext db;

    IdentityResolution(DSLContext db) {
        this.db = db;
    }

    /** What the page's records without a link are: matched to existing core records, or new (some in conflict). */
    record Resolved(Map<String, UUID> matched, Map<String, UUID> created, List<Conflict> conflicts) {}

    /** A new core record made for an external record whose rule found no single record it could be. */
    record Conflict(String externalId, UUID coreId, Set<UUID> candidates, IdentityRules.Key key, boolean claimed) {}

    /** Locks the keys of every record of the page (linked or not), so concurrent pages see each other's keys. */
    void lockKeys(UUID tenant, String entity, IdentityRules rules, List<MappedRecord> records) {
        if (rules.none()) {
            return;
        }
        Set<String> keys = new HashSet<>();
        for (MappedRecord record : records) {
            for (IdentityRules.Key key : rules.keysOf(record.data())) {
                keys.add(tenant + "|" + entity + "|" + key.rule().name() + "|" + key.value());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        db.resultQuery("""
                        select count(pg_advisory_xact_lock(h)) from (
                            select distinct hashtextextended(k, 15) as h from unnest(?::text[]) as keys(k) order by 1
                        ) sorted
                        """, (Object) keys.toArray(String[]::new)).fetch();
    }

    Resolved resolve(
            UUID tenant, ConnectionId connection, String entity, IdentityRules rules, List<MappedRecord> unlinked) {
        Map<String, UUID> matched = new LinkedHashMap<>();
        Map<String, UUID> created = new LinkedHashMap<>();
        List<Conflict> conflicts = new ArrayList<>();
        if (rules.none()) {
            unlinked.forEach(record -> created.put(record.externalId(), UUID.randomUUID()));
            return new Resolved(matched, created, conflicts);
        }
        Map<MappedRecord, List<IdentityRules.Key>> keys = new LinkedHashMap<>();
        unlinked.forEach(record -> keys.put(record, rules.keysOf(record.data())));
        Map<IdentityRules.Key, Set<UUID>> known = candidates(tenant, entity, keys);
        Set<UUID> claimed = claimedBy(tenant, connection, entity, known);
        for (var entry : keys.entrySet()) {
            String externalId = entry.getKey().externalId();
            UUID assigned = null;
            for (IdentityRules.Key key : entry.getValue()) {
                Set<UUID> candidates = known.getOrDefault(key, Set.of());
                if (candidates.isEmpty()) {
                    continue;
                }
                UUID only = candidates.size() == 1 ? candidates.iterator().next() : null;
                if (only != null && !claimed.contains(only)) {
                    assigned = only;
                    matched.put(externalId, only);
                } else {
                    assigned = UUID.randomUUID();
                    created.put(externalId, assigned);
                    conflicts.add(new Conflict(externalId, assigned, Set.copyOf(candidates), key, only != null));
                }
                break;
            }
            if (assigned == null) {
                assigned = UUID.randomUUID();
                created.put(externalId, assigned);
            }
            claimed.add(assigned);
            // later records of the page find this one by any of its keys
            for (IdentityRules.Key key : entry.getValue()) {
                known.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(assigned);
            }
        }
        return new Resolved(matched, created, conflicts);
    }

    /** The core records of the entity that have each of the page's keys. */
    private Map<IdentityRules.Key, Set<UUID>> candidates(
            UUID tenant, String entity, Map<MappedRecord, List<IdentityRules.Key>> keys) {
        Map<String, IdentityRules.Key> byName = new HashMap<>();
        keys.values().forEach(list -> list.forEach(key -> byName.put(key.rule().name() + "\n" + key.value(), key)));
        Map<IdentityRules.Key, Set<UUID>> found = new HashMap<>();
        if (byName.isEmpty()) {
            return found;
        }
        List<String> rules = new ArrayList<>();
        List<String> values = new ArrayList<>();
        byName.values().forEach(key -> {
            rules.add(key.rule().name());
            values.add(key.value());
        });
        db.resultQuery("""
                        select k.rule, k.value, k.core_id
                        from unnest(?::text[], ?::text[]) as page(rule, value)
                        join core_record_key k
                          on k.tenant_id = ? and k.entity = ? and k.rule = page.rule and k.value = page.value
                        """, rules.toArray(String[]::new), values.toArray(String[]::new), tenant, entity)
                .fetch()
                .forEach(row -> {
                    var key = byName.get(row.get(0, String.class) + "\n" + row.get(1, String.class));
                    if (key != null) {
                        found.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(row.get(2, UUID.class));
                    }
                });
        return found;
    }

    /** Which of the candidates this connection already links to, under another external id. */
    private Set<UUID> claimedBy(
            UUID tenant, ConnectionId connection, String entity, Map<IdentityRules.Key, Set<UUID>> candidates) {
        Set<UUID> all = new HashSet<>();
        candidates.values().forEach(all::addAll);
        if (all.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(db.resultQuery("""
                        select distinct core_id from identity_link
                        where tenant_id = ? and connection_id = ? and entity = ? and core_id = any(?::uuid[])
                        """, tenant, connection.value(), entity, all.toArray(UUID[]::new))
                .fetch(row -> row.get(0, UUID.class)));
    }

    /** Stores the page's keys: each written record's value on each rule, replacing an older value of that rule. */
    void storeKeys(UUID tenant, String entity, IdentityRules rules, Map<UUID, MappedRecord> written) {
        if (rules.none() || written.isEmpty()) {
            return;
        }
        List<UUID> coreIds = new ArrayList<>();
        List<String> ruleNames = new ArrayList<>();
        List<String> values = new ArrayList<>();
        written.forEach((coreId, record) -> rules.keysOf(record.data()).forEach(key -> {
            coreIds.add(coreId);
            ruleNames.add(key.rule().name());
            values.add(key.value());
        }));
        if (coreIds.isEmpty()) {
            return;
        }
        Object[] columns = {
            coreIds.toArray(UUID[]::new), ruleNames.toArray(String[]::new), values.toArray(String[]::new)
        };
        db.execute("""
                delete from core_record_key k
                using unnest(?::uuid[], ?::text[], ?::text[]) as page(core_id, rule, value)
                where k.tenant_id = ? and k.core_id = page.core_id and k.rule = page.rule and k.value <> page.value
                """, columns[0], columns[1], columns[2], tenant);
        db.execute("""
                insert into core_record_key (tenant_id, entity, rule, value, core_id)
                select ?, ?, page.rule, page.value, page.core_id
                from unnest(?::uuid[], ?::text[], ?::text[]) as page(core_id, rule, value)
                on conflict do nothing
                """, tenant, entity, columns[0], columns[1], columns[2]);
    }

    /** Records the page's conflicts for review; one open conflict per external record. */
    void storeConflicts(
            UUID tenant, ConnectionId connection, String entity, String correlationId, List<Conflict> conflicts) {
        for (Conflict conflict : conflicts) {
            db.execute(
                    """
                    insert into identity_conflict
                        (id, tenant_id, entity, connection_id, external_id, core_id, candidates, rule, value, kind,
                         correlation_id)
                    values (?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?, ?)
                    on conflict (connection_id, entity, external_id) where status = 'open' do nothing
                    """,
                    UUID.randomUUID(),
                    tenant,
                    entity,
                    connection.value(),
                    conflict.externalId(),
                    conflict.coreId(),
                    conflict.candidates().toArray(UUID[]::new),
                    conflict.key().rule().name(),
                    conflict.key().value(),
                    conflict.claimed() ? "claimed" : "ambiguous",
                    correlationId);
        }
    }
}
