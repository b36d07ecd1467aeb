package io.patchbay.certification;

import io.patchbay.catalog.internal.jdbc.JdbcConnectors;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressProperties;
import io.patchbay.security.egress.TestEgress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The PostgreSQL and MySQL/MariaDB connectors pass the certification kit against the real servers on this machine
 * (PostgreSQL on 127.0.0.1:5432 with trust auth, MariaDB on 127.0.0.1:3306 as root; {@code .ci/run} makes sure both
 * run), as their entries in {@code connectors/certification.json} say. Each run builds a database
 * {@code patchbay_cert} afresh: 12,000 contacts to read over several pages, and an empty {@code sink} table to write to.
 */
class DatabaseCertificationIT {

    private static final int CONTACTS = 12_000;
    private static final EgressClient egress = TestEgress.reachingLoopback(new EgressProperties(
            List.of("127.0.0.1"), Duration.ofSeconds(5), Duration.ofSeconds(10), DataSize.ofMegabytes(10), 3));

    @BeforeAll
    static void databases() throws SQLException {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists patchbay_cert with (force)");
            sql.execute("create database patchbay_cert");
        }
        try (Connection db =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/patchbay_cert", "postgres", "");
                Statement sql = db.createStatement()) {
            sql.execute("create table contacts (id bigint primary key, name text not null, email text, "
                    + "updated_at timestamptz not null)");
            sql.execute("insert into contacts select n, 'Contact ' || n, 'c' || n || '@example.com', " + "now() - ("
                    + CONTACTS + " - n) * interval '1 second' from generate_series(1, " + CONTACTS + ") n");
            sql.execute("create table sink (id text primary key, name text, amount numeric(10,2), active boolean)");
            sql.execute("create table no_key (a int)");
        }
        try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists patchbay_cert");
            sql.execute("create database patchbay_cert");
            sql.execute("use patchbay_cert");
            sql.execute("create table patchbay_cert.contacts (id bigint primary key, name varchar(100) not null, "
                    + "email varchar(200), updated_at datetime(6) not null)");
            sql.execute(
                    "insert into patchbay_cert.contacts select seq, concat('Contact ', seq), concat('c', seq, '@example.com'), "
                            + "now(6) - interval (" + CONTACTS + " - seq) second from seq_1_to_" + CONTACTS);
            sql.execute("create table patchbay_cert.sink (id varchar(20) primary key, name varchar(100), "
                    + "amount decimal(10,2), active boolean)");
        }
    }

    @TestFactory
    Stream<DynamicTest> postgresIsCertified() {
        Connector connector = JdbcConnectors.postgres(egress);
        return CertificationKit.certifyAsRecorded(new Certification(
                connector,
                settings("5432", "postgres"),
                settings("5432", "patchbay_no_such_user"),
                null,
                "contacts",
                () -> execute(
                        "jdbc:postgresql://127.0.0.1:5432/patchbay_cert",
                        "postgres",
                        "update contacts set name = name || '!', updated_at = now() where id in (1, 2, 3)"),
                "sink",
                samples()));
    }

    @TestFactory
    Stream<DynamicTest> mariadbIsCertified() {
        Connector connector = JdbcConnectors.mariadb(egress);
        return CertificationKit.certifyAsRecorded(new Certification(
                connector,
                settings("3306", "root"),
                new ConnectorSettings(values("3306", "root"), Map.of("password", "certainly-wrong")),
                null,
                "contacts",
                () -> execute(
                        "jdbc:mariadb://127.0.0.1:3306/patchbay_cert",
                        "root",
                        "update contacts set name = concat(name, '!'), updated_at = now(6) where id in (1, 2, 3)"),
                "sink",
                samples()));
    }

    private static ConnectorSettings settings(String port, String user) {
        return new ConnectorSettings(values(port, user), Map.of());
    }

    private static ObjectNode values(String port, String user) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("host", "127.0.0.1")
                .put("port", Integer.parseInt(port))
                .put("database", "patchbay_cert")
                .put("username", user);
    }

    private static List<ObjectNode> samples() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return List.of(
                json.objectNode()
                        .put("id", "s1")
                        .put("name", "One")
                        .put("amount", 10.5)
                        .put("active", true),
                json.objectNode()
                        .put("id", "s2")
                        .put("name", "Two")
                        .put("amount", 20)
                        .put("active", false),
                json.objectNode()
                        .put("id", "s3")
                        .put("name", "Three")
                        .putNull("amount")
                        .put("active", true));
    }

    private static void execute(String url, String user, String statement) {
        try (Connection db = DriverManager.getConnection(url, user, "");
                Statement sql = db.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
