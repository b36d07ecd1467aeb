package io.patchbay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.spi.CheckResult;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.connection.Connection;
import io.patchbay.connection.ConnectionDetails;
import io.patchbay.connection.ConnectionService;
import io.patchbay.connection.InvalidSetupException;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.support.Listeners;
import io.patchbay.support.NetworkFixtures;
import io.patchbay.support.PrivateNetwork;
import io.patchbay.support.TenantFixtures;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A database connection's settings cannot steer its driver. The attack this answers: with <i>Host</i> set to a host
 * the guard lets through (here a private one, opened by an approved network exception, where a real PostgreSQL and
 * MariaDB answer), <i>Database</i> {@code postgres?PGHOST=127.0.0.1&PGPORT=<the hub's database>&x=} used to reach the
 * hub's own database as its superuser, and {@code mysql?localSocket=/run/mysqld/mysqld.sock&x=} the machine's own
 * MariaDB. Each such value is refused when saved and when tested, naming the field, and nothing reaches a listener on
 * loopback or a Unix socket.
 */
@IntegrationTest
class DatabaseSettingsInjectionIT {

    @Autowired
    TenantService tenants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ConnectionService connections;

    @Autowired
    EgressExceptionService exceptions;

    @Autowired
    JdbcTemplate sql;

    private Listeners inside;

    @BeforeEach
    void listenWhereNothingMayConnect() {
        inside = Listeners.open();
    }

    @AfterEach
    void nothingConnected() throws IOException {
        inside.assertNothingConnected();
        inside.close();
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres-table | database | postgres?PGHOST=127.0.0.1&PGPORT={hubDatabase}&x=",
                "postgres-table | database | postgres?PGHOST=127.0.0.1&PGPORT={loopback}&x=",
                "postgres-table | database | postgres?socketFactory=java.net.Socket&x=",
                "postgres-table | database | postgres?sslfactory=x&sslmode=require",
                "postgres-table | database | postgres&PGHOST=127.0.0.1",
                "postgres-table | username | postgres?PGHOST=127.0.0.1&PGPORT={hubDatabase}",
                "postgres-table | schema | public;PGHOST=127.0.0.1",
                "postgres-table | host | 10.213.0.2/postgres?PGHOST=127.0.0.1&PGPORT={loopback}&x=",
                "mariadb-table | database | mysql?localSocket={socket}&x=",
                "mariadb-table | database | mysql?socketFactory=java.net.Socket&x=",
                "mariadb-table | database | mysql?allowLocalInfile=true",
                "mariadb-table | database | mysql%3FlocalSocket%3D{socket}",
                "mariadb-table | username | root?localSocket={socket}",
                "mariadb-table | database | mysql#localSocket={socket}",
            })
    void aSettingThatWouldBecomeADriverOptionIsRefusedNamingTheField(String template, String field, String value) {
        Tenant tenant = TenantFixtures.tenantWithAdmin(tenants, encoder, "Injector");
        NetworkFixtures.approvedException(exceptions, tenant.id(), PrivateNetwork.HOST);
        boolean postgres = template.startsWith("postgres");
        ObjectNode settings = NetworkFixtures.onThePrivateNetwork(JsonNodeFactory.instance.objectNode(), postgres);
        settings.put(
                field,
                value.replace("{hubDatabase}", String.valueOf(Listeners.hubDatabasePort(sql)))
                        .replace("{loopback}", String.valueOf(inside.port()))
                        .replace("{socket}", inside.socketFile().toString()));
        var details = new ConnectionDetails("Injected", settings, Map.of("password", "whatever"));

        Actors.as(tenant.id(), Role.CUSTOMER_ADMIN, () -> {
            Connection draft = connections.startSetup(template);
            CheckResult tested = connections.testConnection(draft.id(), details);
            assertThat(tested.success()).as(tested.summary()).isFalse();
            assertThat(tested.failure().orElseThrow().errorClass()).isEqualTo(ErrorClass.CONFIG);
            assertThatThrownBy(() -> connections.saveDetails(draft.id(), draft.version(), details))
                    .isInstanceOfSatisfying(
                            InvalidSetupException.class,
                            e -> assertThat(e.field()).isEqualTo(field));
        });
    }
}
