import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * Generates the jOOQ classes from the Liquibase changelog during the build: applies the changelog to a
 * throwaway embedded PostgreSQL and reads the schema back, so the build needs no database server.
 * H2's simulation of PostgreSQL cannot parse jsonb and timestamptz, hence the real thing.
 *
 * <p>Usage: {@code java JooqCodegen.java <changelog-master> <output-directory>}
 */
public class JooqCodegen {

    public static void main(String[] args) throws Exception {
        Path changelog = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]).toAbsolutePath();
        Path stamp = output.resolve(".changelog-stamp");
        String fingerprint = fingerprint(changelog.getParent());
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
            System.out.println("jOOQ classes are up to date with " + changelog.getParent());
            return;
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (var accessor = new CompositeResourceAccessor(
                    new DirectoryResourceAccessor(changelog.getParent()), new ClassLoaderResourceAccessor())) {
                var database =
                        DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                new Liquibase(changelog.getFileName().toString(), accessor, database).update("");
            }
            GenerationTool tool = new GenerationTool();
            tool.setConnection(connection);
            tool.run(new Configuration()
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withOutputSchemaToDefault(true)
                                    .withExcludes("databasechangelog.*|qrtz_.*"))
                            .withGenerate(new Generate()
                                    .withJavaTimeTypes(true)
                                    .withRecords(true)
                                    .withPojos(false)
                                    .withDaos(false)
                                    .withGeneratedAnnotation(false))
                            .withTarget(new Target()
                                    .withPackageName("io.patchbay.db")
                                    .withDirectory(output.toString()))));
        }
        Files.writeString(stamp, fingerprint);
    }

    private static String fingerprint(Path dir) throws Exception {
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
