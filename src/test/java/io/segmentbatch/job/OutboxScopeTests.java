package io.segmentbatch.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxScopeTests {

    @Test
    void readsThePropertysTwoValuesAndNamesThemWhenItIsNeither() {
        assertThat(OutboxScope.of("destinations")).isEqualTo(OutboxScope.DESTINATIONS);
        assertThat(OutboxScope.of(" ALL ")).isEqualTo(OutboxScope.ALL);
        assertThatThrownBy(() -> OutboxScope.of("every"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("segment-batch.events.outbox must be 'destinations' or 'all', not 'every'");
    }
}
