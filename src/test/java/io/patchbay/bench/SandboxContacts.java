package io.patchbay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Acme's contacts at the sandbox CRM, written and read straight in its table ({@code sandbox_crm_contact}) as its
 * own database would be: filled with as many contacts as a run needs in one statement, changed as a CRM user would
 * change them, and read as the JSON its API answers with, for the baselines. The hub's own seeder builds every contact
 * in memory and inserts them in one jOOQ statement: a million took about 80 s on two cores, one SQL statement 18 s.
 */
final class SandboxContacts {

    /** The fields of a contact as the sandbox CRM's API shows them. */
    private static final String AS_JSON = """
            json_build_object('id', id::text, 'first_name', first_name, 'last_name', last_name, 'email', email,
                              'company', company, 'phone', phone, 'created_at', created_at,
                              'updated_at', updated_at)::text""";

    private final BenchDatabase database;
    private final UUID tenant;

    SandboxContacts(BenchDatabase database, UUID tenant) {
        this.database = database;
        this.tenant = tenant;
    }

    /** Adds {@code count} {@link MadeUpContacts} to Acme's account. */
    void seed(int count) {
        database.update(
                "insert into sandbox_crm_contact"
                        + " (tenant_id, first_name, last_name, email, company, phone, created_at, updated_at)"
                        + " select ?, first_name, last_name, email, company, phone, created_at, updated_at"
                        + " from (" + MadeUpContacts.ROWS + ") as contact",
                tenant,
                count,
                count);
    }

    /**
     * Spoils the email of every {@code nth} contact ({@code ada(at)example.com}): records the contact schema refuses,
     * which a sync must quarantine.
     */
    int spoilEvery(int nth) {
        return database.update(
                "update sandbox_crm_contact set email = replace(email, '@', '(at)') where tenant_id = ? and id % ? = 0",
                tenant, nth);
    }

    /** Every contact's id, in order. */
    List<Long> ids() {
        List<Long> ids = new ArrayList<>();
        database.query(
                "select id from sandbox_crm_contact where tenant_id = ? order by id",
                rs -> ids.add(rs.getLong(1)),
                tenant);
        return ids;
    }

    /** Every contact as the API shows it, in order. */
    List<JsonRecord> all() {
        List<JsonRecord> records = new ArrayList<>();
        database.query(
                "select id::text, " + AS_JSON + " from sandbox_crm_contact where tenant_id = ? order by id",
                rs -> records.add(new JsonRecord(rs.getString(1), rs.getString(2))),
                tenant);
        return records;
    }

    /** These contacts as the API shows them. */
    List<JsonRecord> only(List<Long> ids) {
        List<JsonRecord> records = new ArrayList<>();
        database.query(
                "select id::text, " + AS_JSON
                        + " from sandbox_crm_contact where tenant_id = ? and id = any(?) order by id",
                rs -> records.add(new JsonRecord(rs.getString(1), rs.getString(2))),
                tenant,
                asArray(ids));
        return records;
    }

    /**
     * Changes these contacts as someone editing them in the CRM would: a new company and phone, and the change time
     * the CRM's clock gives it, which is what an incremental read asks for.
     */
    void change(List<Long> ids, String company) {
        int changed = database.update("""
                update sandbox_crm_contact
                set company = ?, phone = '+1 555 ' || lpad((id % 10000)::text, 4, '0') || ' ext. 2',
                    updated_at = clock_timestamp()
                where tenant_id = ? and id = any(?)
                """, company, tenant, asArray(ids));
        if (changed != ids.size()) {
            throw new IllegalStateException("Changed " + changed + " contacts of " + ids.size());
        }
    }

    /** The driver binds a {@code long[]} as a {@code bigint[]}. */
    private static long[] asArray(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
