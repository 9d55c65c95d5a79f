package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpringArgumentsTests {

    @Test
    void everyAutoConfigurationACommandLeavesOutIsOneOnTheClassPath() {
        // Spring refuses to start when an excluded class is not an auto-configuration: a name that an upgrade moved
        // would stop every command, so this names it first
        List<String> known = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
                .forEach(known::add);

        assertThat(known).containsAll(SpringArguments.WITHOUT_WEB_SERVER);
        assertThat(known).containsAll(SpringArguments.WITHOUT_WEB_SERVER_OR_MESSAGING);
        assertThat(SpringArguments.WITHOUT_WEB_SERVER_OR_MESSAGING)
                .containsAll(SpringArguments.WITHOUT_WEB_SERVER)
                .contains(
                        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
                        "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration");
    }

    /** A run given segment-batch.remote.enabled=true keeps RabbitMQ: without it, the run failed for want of a bean. */
    /** What the early scan reads before the application starts: the same files and profiles as Spring's. */
    @Test
    void theSettingsReadBeforeTheApplicationStartsAreTheApplicationsOwn() {
        assertThat(SpringArguments.settings(List.of()).getProperty("spring.datasource.url"))
                .as("application.properties: the embedded default")
                .startsWith("jdbc:h2:file:");
        assertThat(SpringArguments.settings(List.of("--spring.profiles.active=postgres"))
                        .getProperty("spring.datasource.url"))
                .as("the active profile's file")
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/segment_batch");
        assertThat(SpringArguments.settings(List.of(
                                "--spring.profiles.active=postgres",
                                "--spring.datasource.url=jdbc:postgresql://db:5432/x",
                                "--segment-batch.partition-size=8MB"))
                        .getProperty("segment-batch.partition-size"))
                .isEqualTo("8MB");
        assertThat(SpringArguments.settings(List.of(
                                "--spring.profiles.active=postgres",
                                "--spring.datasource.url=jdbc:postgresql://db:5432/x"))
                        .getProperty("spring.datasource.url"))
                .as("the command line over the files")
                .isEqualTo("jdbc:postgresql://db:5432/x");
    }

    @Test
    void theRemoteSettingAsksForRemoteModeAsTheFlagDoes() {
        assertThat(SpringArguments.remote(List.of("--segment-batch.remote.enabled=true")))
                .isTrue();
        assertThat(SpringArguments.remote(List.of("--segment-batch.remote.enabled=false")))
                .isFalse();
        assertThat(SpringArguments.remote(List.of("--spring.profiles.active=postgres")))
                .isFalse();
    }
}
