package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupChecksTests {
    @Test
    void aManagerOrWorkerOnTheEmbeddedDatabaseIsRefusedBeforeItIsOpened() {
        for (String mode : new String[] {"segment-batch.remote.enabled", "segment-batch.remote.worker"}) {
            assertThatThrownBy(() -> StartupChecks.checkRemoteDatabase(new MockEnvironment()
                            .withProperty(mode, "true")
                            .withProperty("spring.datasource.url", "jdbc:h2:file:./data/segment-batch")))
                    .as(mode)
                    .isInstanceOf(StartupChecks.InvalidSettingException.class)
                    .hasMessageStartingWith("remote mode needs PostgreSQL")
                    .hasMessageContaining("spring.datasource.url");
            assertThatThrownBy(
                            () -> StartupChecks.checkRemoteDatabase(new MockEnvironment().withProperty(mode, "true")))
                    .as(mode + " with no database configured")
                    .isInstanceOf(StartupChecks.InvalidSettingException.class);
            assertThatCode(() -> StartupChecks.checkRemoteDatabase(new MockEnvironment()
                            .withProperty(mode, "true")
                            .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/segments")))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aLocalRunMayUseTheEmbeddedDatabase() {
        assertThatCode(() -> StartupChecks.checkRemoteDatabase(new MockEnvironment()
                        .withProperty("segment-batch.remote.enabled", "false")
                        .withProperty("spring.datasource.url", "jdbc:h2:file:./data/segment-batch")))
                .doesNotThrowAnyException();
    }
}
