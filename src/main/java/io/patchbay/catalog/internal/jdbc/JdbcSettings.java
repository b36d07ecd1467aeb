package io.patchbay.catalog.internal.jdbc;

import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSettings;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.security.egress.CheckedAddress;
import io.patchbay.security.egress.EgressClient;
import io.patchbay.security.egress.EgressRefusedException;
import java.net.UnknownHostException;
import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A database connection's settings: their schema, and the typed configuration they make once the host has passed
 * the egress guard. Names (database, schema, user) are plain: none of the characters a URL or a connection string
 * reads ({@code ? & / ; = #}, {@code %}, control characters), so that no setting can pass for a driver option even
 * where a driver parses text.
 */
final class JdbcSettings {

    /** A host name or an IP literal, nothing a URL could read as a path, query, user or port. */
    static final String HOST = "^[A-Za-z0-9._:\\[\\]-]+$";

    static final String PLAIN = "^[^?&/;=#%\\x00-\\x1F\\x7F]*$";
    private static final Pattern PLAIN_TEXT = Pattern.compile(PLAIN);
    private static final String NOT_PLAIN = ", without ? & / ; = # % or control characters";

    private JdbcSettings() {}

    /**
     * The typed configuration; the host is resolved under the egress rules here, and the connection goes to that
     * checked address only.
     *
     * @throws ConnectorException (configuration) for a host the guard refuses or cannot find, or a name that is not
     *     plain
     */
    static JdbcConnector.Config configure(Dialect dialect, EgressClient egress, ConnectorSettings settings) {
        String host = settings.text("host").trim();
        int port = settings.values().path("port").asInt(dialect.defaultPort());
        String database = plain("Database", settings.text("database"));
        String schema = dialect == Dialect.MARIADB
                ? database
                : plain("Schema", settings.values().path("schema").asString("public"));
        String username = plain("User name", settings.text("username"));
        CheckedAddress address;
        try {
            address = egress.check(host, port);
        } catch (EgressRefusedException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG, "Patchbay does not connect to this host: " + e.getMessage() + ".", e.fix(), e);
        } catch (UnknownHostException e) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "The host '" + host + "' could not be found.",
                    "Check the host name for typos.",
                    e);
        }
        return new JdbcConnector.Config(
                address, database, schema, username, settings.secret("password").orElse(""));
    }

    private static String plain(String title, String value) {
        if (!PLAIN_TEXT.matcher(value).matches()) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    title + " holds a character a connection string would read as an option.",
                    "Enter the " + title.toLowerCase(java.util.Locale.ROOT) + NOT_PLAIN + ".");
        }
        return value;
    }

    static ObjectNode schema(Dialect dialect) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode schema = json.objectNode().put("type", "object");
        schema.putArray("required").add("host").add("database").add("username").add("password");
        ObjectNode properties = schema.putObject("properties");
        properties
                .putObject("host")
                .put("type", "string")
                .put("title", "Host")
                .put("minLength", 1)
                .put("pattern", HOST)
                .put("description", "The database server's host name or address")
                .put("x-message", "Enter the database host: a name such as db.example.com, or an address");
        properties
                .putObject("port")
                .put("type", "integer")
                .put("title", "Port")
                .put("minimum", 1)
                .put("maximum", 65535)
                .put("default", dialect.defaultPort())
                .put("x-message", "Enter a port from 1 to 65535");
        properties
                .putObject("database")
                .put("type", "string")
                .put("title", "Database")
                .put("minLength", 1)
                .put("pattern", PLAIN)
                .put("x-message", "Enter the database name as the server knows it" + NOT_PLAIN);
        if (dialect == Dialect.POSTGRES) {
            properties
                    .putObject("schema")
                    .put("type", "string")
                    .put("title", "Schema")
                    .put("default", "public")
                    .put("pattern", PLAIN)
                    .put("description", "Whose tables become streams")
                    .put("x-message", "Enter the schema's name" + NOT_PLAIN);
        }
        properties
                .putObject("username")
                .put("type", "string")
                .put("title", "User name")
                .put("minLength", 1)
                .put("pattern", PLAIN)
                .put("x-message", "Enter the user name" + NOT_PLAIN);
        properties
                .putObject("password")
                .put("type", "string")
                .put("title", "Password")
                .put("writeOnly", true)
                .put("description", "The user's password");
        return schema;
    }
}
