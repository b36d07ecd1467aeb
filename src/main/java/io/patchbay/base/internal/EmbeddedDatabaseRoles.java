package io.patchbay.base.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The embedded database trusts nobody. The hub connects as {@value #APPLICATION_ROLE}, a role that is no superuser,
 * cannot make roles or databases, and owns only its own database {@value #DATABASE} (whose {@code public} schema it
 * owns and nobody else may create in); the superuser {@value #SUPERUSER} has a password too, and every role signs in
 * with its password (scram-sha-256), from this machine only. The passwords are made at the first start and kept,
 * readable by their owner only, in {@value #FILE} in the data directory; every start makes sure of all this again,
 * so a data directory made before it is brought up to it.
 */
final class EmbeddedDatabaseRoles {

    static final String APPLICATION_ROLE = "patchbay";
    static final String DATABASE = "patchbay";
    static final String SUPERUSER = "postgres";
    static final String FILE = "patchbay-roles.properties";

    /** What this class writes itself: no quoting is needed where a password stands in SQL. */
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{32,}");

    private static final String HBA = """
            # Written by Patchbay at every start: every role signs in with its password, from this machine only.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** The two passwords; {@link #toString()} shows neither. */
    record Passwords(String superuser, String application) {
        @Override
        public String toString() {
            return "Passwords[••••]";
        }
    }

    private EmbeddedDatabaseRoles() {}

    /** The passwords kept in {@code directory}, or new ones where there are none yet (a new cluster). */
    static Passwords passwords(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return new Passwords(newPassword(), newPassword());
        }
        var stored = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            stored.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String superuser = stored.getProperty(SUPERUSER, "");
        String application = stored.getProperty(APPLICATION_ROLE, "");
        if (!PASSWORD.matcher(superuser).matches()
                || !PASSWORD.matcher(application).matches()) {
            throw new IllegalStateException(file + " does not hold the embedded database's passwords as Patchbay wrote"
                    + " them; delete the data directory to start afresh");
        }
        return new Passwords(superuser, application);
    }

    /**
     * Makes the roles, the database and the sign-in rules as the class comment says, on a running cluster: first
     * keeps the passwords (so a start cut short here signs in with them next time), then sets them, then closes
     * every sign-in without one.
     */
    static void apply(EmbeddedPostgres postgres, Path directory, Passwords passwords) {
        keep(directory, passwords);
        try {
            try (Connection superuser =
                            postgres.getDatabase(SUPERUSER, "postgres").getConnection();
                    Statement sql = superuser.createStatement()) {
                sql.execute("set password_encryption = 'scram-sha-256'");
                sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + APPLICATION_ROLE
                        + "') then create role " + APPLICATION_ROLE + "; end if; end $$");
                sql.execute("alter role " + APPLICATION_ROLE + " with login nosuperuser nocreatedb nocreaterole"
                        + " noreplication nobypassrls password '" + passwords.application() + "'");
                try (var exists = sql.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                    if (!exists.next()) {
                        sql.execute("create database " + DATABASE + " owner " + APPLICATION_ROLE);
                    }
                }
                sql.execute("revoke connect, temporary on database postgres from public");
                sql.execute("revoke connect on database template1 from public");
                sql.execute("alter role " + SUPERUSER + " with password '" + passwords.superuser() + "'");
            }
            try (Connection superuser =
                            postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
                    Statement sql = superuser.createStatement()) {
                sql.execute("alter schema public owner to " + APPLICATION_ROLE);
                sql.execute("revoke all on schema public from public");
                Path hba = directory.resolve("pg_hba.conf");
                if (!HBA.equals(Files.readString(hba))) {
                    Files.writeString(hba, HBA);
                    sql.execute("select pg_reload_conf()");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set up the embedded database's roles", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the embedded database's sign-in rules", e);
        }
    }

    private static void keep(Path directory, Passwords passwords) {
        Path file = directory.resolve(FILE);
        if (Files.exists(file)) {
            return;
        }
        var stored = new Properties();
        stored.setProperty(SUPERUSER, passwords.superuser());
        stored.setProperty(APPLICATION_ROLE, passwords.application());
        try {
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                stored.store(out, "The embedded database's passwords: the superuser's and the hub's own role's");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the embedded database's passwords in " + file, e);
        }
    }

    private static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
