package io.segmentbatch.trigger;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

    @Test
    void aUrlNoDriverTakesIsSaidSoNotAsTheEmbeddedDriversRefusal() {
        RuntimeException hikari = new RuntimeException(
                "Driver org.h2.Driver claims to not accept jdbcUrl, jdbc:postgres://127.0.0.1/segments");

        assertThat(Failures.describe(
                        new IllegalStateException("Failed to start bean", hikari),
                        "jdbc:postgres://127.0.0.1/segments"))
                .isEqualTo("no database driver takes the URL jdbc:postgres://127.0.0.1/segments (PostgreSQL's start"
                        + " with jdbc:postgresql://, H2's with jdbc:h2:)");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsNamedWithItsUrl() {
        assertThat(Failures.describe(
                        new IllegalStateException("start", new ConnectException("Connection refused")),
                        "jdbc:postgresql://127.0.0.1:1/segments"))
                .isEqualTo(
                        "cannot connect to the database at jdbc:postgresql://127.0.0.1:1/segments: connection refused");
    }
}
