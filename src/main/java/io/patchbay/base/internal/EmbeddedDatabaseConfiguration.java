package io.patchbay.base.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Runs Patchbay on an embedded PostgreSQL when no {@code spring.datasource.url} is configured, so that
 * {@code ./mvnw spring-boot:run} works on a laptop with nothing installed. The data directory is kept between
 * starts. The hub connects as a role of its own that needs a password and owns only its own database, as it would
 * in production ({@link EmbeddedDatabaseRoles}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @ConfigurationProperties("patchbay.embedded-database")
    record EmbeddedDatabaseProperties(
            @DefaultValue(".patchbay/postgres") Path dataDirectory,
            @DefaultValue("0") int port,
            @DefaultValue("false") boolean cleanOnStart) {}

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        Path directory = properties.dataDirectory().toAbsolutePath();
        Files.createDirectories(directory.getParent());
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(properties.cleanOnStart())
                // Spring closes it after everything that uses it; a JVM hook of its own would race them
                .setRegisterShutdownHook(false);
        if (properties.port() > 0) {
            builder.setPort(properties.port());
        }
        var passwords = EmbeddedDatabaseRoles.passwords(directory);
        // the superuser signs in with its password too, the driver's readiness check included
        builder.setConnectConfig("password", passwords.superuser());
        EmbeddedPostgres postgres = builder.start();
        EmbeddedDatabaseRoles.apply(postgres, directory, passwords);
        log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), directory);
        return postgres;
    }

    /** The pool settings under {@code spring.datasource.hikari} apply here too, as to a configured database. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(
                postgres.getJdbcUrl(EmbeddedDatabaseRoles.APPLICATION_ROLE, EmbeddedDatabaseRoles.DATABASE));
        dataSource.setUsername(EmbeddedDatabaseRoles.APPLICATION_ROLE);
        dataSource.setPassword(
                EmbeddedDatabaseRoles.passwords(properties.dataDirectory().toAbsolutePath())
                        .application());
        dataSource.setPoolName("patchbay-embedded");
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
