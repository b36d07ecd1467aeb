package io.patchbay.catalog.internal.jdbc;

import io.patchbay.catalog.spi.Connector;
import io.patchbay.security.egress.EgressClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database connectors: PostgreSQL and MySQL/MariaDB, one implementation. */
@Configuration(proxyBeanMethods = false)
public class JdbcConnectors {

    @Bean
    Connector postgresConnector(EgressClient egress) {
        return postgres(egress);
    }

    @Bean
    Connector mariadbConnector(EgressClient egress) {
        return mariadb(egress);
    }

    /** For the certification kit and tools outside Spring. */
    public static Connector postgres(EgressClient egress) {
        return new JdbcConnector(Dialect.POSTGRES, egress);
    }

    public static Connector mariadb(EgressClient egress) {
        return new JdbcConnector(Dialect.MARIADB, egress);
    }
}
