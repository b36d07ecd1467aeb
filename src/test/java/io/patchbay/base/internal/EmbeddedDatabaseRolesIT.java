package io.patchbay.base.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.support.IntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub's own database trusts nobody, in the embedded default as in production: the hub is a role that is no
 * superuser and reads nothing beyond its own database, and no role signs in without its password. (A tenant who
 * once reached this database through a connector's settings read every table as its superuser.)
 */
@IntegrationTest
class EmbeddedDatabaseRolesIT {

    @Autowired
    JdbcTemplate sql;

    @Autowired
    EmbeddedPostgres postgres;

    @Value("${patchbay.embedded-database.data-directory}")
    Path directory;

    @Test
    void theHubIsARoleOfItsOwnAndNoSuperuser() {
        assertThat(sql.queryForObject("select current_user", String.class)).isEqualTo("patchbay");
        assertThat(sql.queryForObject(
                        "select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles"
                                + " where rolname = current_user",
                        Boolean.class))
                .isFalse();
        assertThatThrownBy(() -> sql.queryForObject("select count(*) from pg_authid", Integer.class))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void whatIsNotTheHubsStaysClosedToIt() throws SQLException {
        try (var superuser = postgres.getDatabase("postgres", "patchbay").getConnection();
                var statement = superuser.createStatement()) {
            statement.execute("create schema if not exists someone_elses");
            statement.execute("create table if not exists someone_elses.secrets (secret text)");
        }
        assertThatThrownBy(() -> sql.queryForList("select * from someone_elses.secrets"))
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> DriverManager.getConnection(
                        url("postgres"), "patchbay", passwords().application()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database");
    }

    @Test
    void everyRoleSignsInWithItsPasswordOnly() {
        assertThatThrownBy(() -> DriverManager.getConnection(url("patchbay"), "patchbay", "not-its-password"))
                .hasMessageContaining("password authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(url("postgres"), "postgres", ""))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url("postgres"), "postgres", "not-its-password"))
                .hasMessageContaining("password authentication failed");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    private EmbeddedDatabaseRoles.Passwords passwords() {
        return EmbeddedDatabaseRoles.passwords(directory.toAbsolutePath());
    }
}
