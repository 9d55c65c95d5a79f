package io.segmentbatch.store;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

/** The store's repositories, all made for the one database the application runs on. */
@Configuration(proxyBeanMethods = false)
public class StoreConfig {

    /** Flyway as Spring Boot runs it, out of order only for a database that needs it ({@link Migrations}). */
    @Bean
    FlywayMigrationStrategy flywayMigrationStrategy() {
        return Migrations::migrate;
    }

    @Bean
    Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }

    @Bean
    RunCustomers runCustomers(DataSource dataSource, Dialect dialect) {
        return new RunCustomers(dataSource, dialect);
    }

    @Bean
    Memberships memberships(JdbcTemplate jdbc, RunCustomers customers) {
        return new Memberships(jdbc, customers);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, Dialect dialect) {
        return new Outbox(jdbc, dialect);
    }

    @Bean
    Rejects rejects(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new Rejects(jdbc, transactions);
    }

    @Bean
    SegmentCatalog segmentCatalog(JdbcTemplate jdbc) {
        return new SegmentCatalog(jdbc);
    }

    @Bean
    Runs runs(JdbcTemplate jdbc) {
        return new Runs(jdbc);
    }

    @Bean
    UntakenPartitions untakenPartitions(JdbcTemplate jdbc) {
        return new UntakenPartitions(jdbc);
    }

    @Bean
    JobLocks jobLocks(DataSource dataSource, Dialect dialect) {
        return new JobLocks(dataSource, dialect);
    }
}
