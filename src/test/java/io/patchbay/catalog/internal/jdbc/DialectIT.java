package io.patchbay.catalog.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ConnectorError;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.TestEgress;
import io.patchbay.support.Listeners;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Past the settings form too, a database name is only a name: the drivers get it through their typed setters, so a
 * value that reads as URL options in text is looked up as a database at the checked address and not found, and the
 * listeners it names stay untouched. Runs against the PostgreSQL and MariaDB on this machine, as the certification
 * does.
 */
class DialectIT {

    private final EgressClient egress = TestEgress.reachingLoopback("127.0.0.1");
    private Listeners inside;

    @BeforeEach
    void listen() {
        inside = Listeners.open();
    }

    @AfterEach
    void nothingConnected() throws IOException {
        inside.assertNothingConnected();
        inside.close();
    }

    @Test
    void postgresLooksUpADatabaseNamedLikeURLOptions() throws Exception {
        String database = "postgres?PGHOST=127.0.0.1&PGPORT=" + inside.port() + "&x=";
        var db = new JdbcConnector.Config(egress.check("127.0.0.1", 5432), database, "public", "postgres", "");

        ConnectorError error = failure(new JdbcConnector(Dialect.POSTGRES, egress).check(db));

        assertThat(error.errorClass()).as(error.message()).isEqualTo(ErrorClass.CONFIG);
        assertThat(error.message()).contains("There is no database '" + database + "'");
    }

    @Test
    void mariadbLooksUpADatabaseNamedLikeASocketOption() throws Exception {
        String database = "mysql?localSocket=" + inside.socketFile() + "&x=";
        var db = new JdbcConnector.Config(egress.check("127.0.0.1", 3306), database, database, "root", "");

        ConnectorError error = failure(new JdbcConnector(Dialect.MARIADB, egress).check(db));

        assertThat(error.errorClass()).as(error.message()).isEqualTo(ErrorClass.CONFIG);
        assertThat(error.message()).contains("There is no database '" + database + "'");
    }

    private static ConnectorError failure(CheckResult result) {
        assertThat(result.success()).as(result.summary()).isFalse();
        return result.failure().orElseThrow();
    }
}
