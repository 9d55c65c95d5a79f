package io.segmentbatch.trigger;

import io.segmentbatch.job.ServedJobs;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;

import javax.sql.DataSource;

/**
 * Serve mode's beans, present only when {@code segment-batch.serve.jobs} names the jobs folder (as
 * {@code segment-batch serve} does): the served jobs and the inbox's persistent record of files seen.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
@EnableConfigurationProperties(ServeSettings.class)
class ServeConfig {

    /** The job files {@code serve} checked and loaded before starting the context, or (a context started without it) loaded here. */
    @Bean
    @ConditionalOnMissingBean
    ServedJobs servedJobs(ServeSettings settings) {
        return ServedJobs.load(settings.jobs());
    }

    /** Spring Integration's JDBC metadata store over {@code INT_METADATA_STORE} (created by Flyway, V10). */
    @Bean
    JdbcMetadataStore inboxMetadataStore(DataSource dataSource) {
        return new JdbcMetadataStore(dataSource);
    }
}
