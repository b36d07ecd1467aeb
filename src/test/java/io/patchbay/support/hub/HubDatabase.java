package io.patchbay.support.hub;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The PostgreSQL database a hub under test runs on, as the test sees it: where the hub finds it, and plain JDBC
 * connections to check outcomes with nothing of the hub's code in between. The fault suite owns its server; the
 * benchmarks use a fresh database on the machine's PostgreSQL.
 */
public interface HubDatabase {

    String jdbcUrl();

    Connection connect() throws SQLException;
}
