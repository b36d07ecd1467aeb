package io.patchbay.catalog.internal.jdbc;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.EgressRefusedException;
import io.patchbay.security.egress.GuardedSockets;
import java.net.ConnectException;
import java.sql.SQLException;

/** A driver's {@link SQLException} in the connector error taxonomy, with what a person can do about it. */
final class JdbcErrors {

    private JdbcErrors() {}

    static ConnectorException classify(Dialect dialect, SQLException e, JdbcConnector.Config db) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int code = e.getErrorCode();
        String where = db.address().host() + ":" + db.address().port();
        EgressRefusedException refused = GuardedSockets.refusal(e);
        if (refused != null) {
            return new ConnectorException(
                    ErrorClass.CONFIG,
                    "Patchbay does not connect there: " + refused.getMessage() + ".",
                    refused.fix(),
                    e);
        }
        if (dialect.authFailure(state, code)) {
            return new ConnectorException(
                    ErrorClass.AUTH,
                    dialect.displayName() + " refused the user name or password for " + where + ".",
                    "Check the user name and password, and that the user may connect to database " + db.database()
                            + ".",
                    e);
        }
        if (dialect.unknownDatabase(state, code)) {
            return new ConnectorException(
                    ErrorClass.CONFIG,
                    "There is no database '" + db.database() + "' at " + where + ".",
                    "Check the database name.",
                    e);
        }
        if (state.startsWith("08") || hasCause(e, ConnectException.class)) {
            return new ConnectorException(
                    ErrorClass.TRANSIENT,
                    "Could not connect to " + dialect.displayName() + " at " + where + ".",
                    "Check the host and port, that the database is up and that it accepts connections from Patchbay.",
                    e);
        }
        if (state.startsWith("22")) {
            return new ConnectorException(
                    ErrorClass.DATA,
                    dialect.displayName() + " refused a value: " + e.getMessage(),
                    "Correct the record named in the message.",
                    e);
        }
        if (state.equals("42P01") || state.equals("42703") || code == 1146 || code == 1054) {
            return new ConnectorException(
                    ErrorClass.DATA,
                    "The table changed while Patchbay read it (" + e.getMessage() + ").",
                    "Run again: the next run discovers the table as it is now.",
                    e);
        }
        return new ConnectorException(
                ErrorClass.TRANSIENT,
                dialect.displayName() + " reported an error (SQLSTATE " + state + ").",
                "Try again; if it persists, check the database's log for this time.",
                e);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
