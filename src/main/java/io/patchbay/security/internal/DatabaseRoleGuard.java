package io.patchbay.security.internal;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The hub's database role must not be able to do more than the hub needs: not a superuser, not a maker of roles or
 * databases, not above row security. In production such a role stops the start; elsewhere (a test's own database)
 * it is logged. What a tenant's request might reach of the database is then only the hub's own.
 */
@Component
class DatabaseRoleGuard implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleGuard.class);

    private final JdbcTemplate sql;
    private final Environment environment;

    DatabaseRoleGuard(DataSource dataSource, Environment environment) {
        this.sql = new JdbcTemplate(dataSource);
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        String problem = problem(sql.queryForMap("select current_user as role, rolsuper, rolcreaterole, rolcreatedb,"
                + " rolbypassrls from pg_roles where rolname = current_user"));
        if (problem == null) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            throw new IllegalStateException("Patchbay refuses to start in production: " + problem);
        }
        log.warn("{} (refused in production)", problem);
    }

    /** What is wrong with the role, or null. */
    static String problem(java.util.Map<String, Object> role) {
        java.util.List<String> powers = new java.util.ArrayList<>();
        if (Boolean.TRUE.equals(role.get("rolsuper"))) {
            powers.add("a superuser");
        }
        if (Boolean.TRUE.equals(role.get("rolcreaterole"))) {
            powers.add("able to create roles");
        }
        if (Boolean.TRUE.equals(role.get("rolcreatedb"))) {
            powers.add("able to create databases");
        }
        if (Boolean.TRUE.equals(role.get("rolbypassrls"))) {
            powers.add("above row security");
        }
        return powers.isEmpty()
                ? null
                : "the database role " + role.get("role") + " is " + String.join(", ", powers)
                        + "; connect as a role that owns only Patchbay's own database or schema";
    }
}
