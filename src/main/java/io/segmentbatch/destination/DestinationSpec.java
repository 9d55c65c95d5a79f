package io.segmentbatch.destination;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a job file's {@code destinations}, checked. {@link #key()} names it in the database: its
 * {@code name}, or {@code <job>:<type>:<url or exchange>}.
 */
public sealed interface DestinationSpec {
    String key();

    String type();

    /** The declaration as written (kept so that the serve dispatcher can deliver without the job file). */
    JsonNode source();

    /** Retries: at most {@code maxTries} tries, waiting {@code firstDelay}, then twice as long each time, up to {@code maxDelay}. */
    record Retry(int maxTries, Duration firstDelay, Duration maxDelay) {
        public Retry {
            if (maxTries < 1 || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("bad retry settings");
            }
        }

        /** The wait after the given number of failed tries (1: the first failure). */
        Duration delayAfter(int failedTries) {
            Duration delay = firstDelay;
            for (int i = 1; i < failedTries && delay.compareTo(maxDelay) < 0; i++) {
                delay = delay.multipliedBy(2);
            }
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** Voucherify (or a service with its segments API): each static segment of a run becomes a remote static segment. */
    record Voucherify(
            String key,
            URI apiUrl,
            String appIdEnv,
            String appTokenEnv,
            @Nullable List<String> segments,
            int concurrency,
            int requestsPerMinute,
            Duration timeout,
            Retry retry,
            JsonNode source)
            implements DestinationSpec {
        public Voucherify {
            Objects.requireNonNull(apiUrl, "apiUrl");
            segments = segments == null ? null : List.copyOf(segments);
        }

        @Override
        public String type() {
            return "voucherify";
        }
    }

    /** Events POSTed to a URL in Voucherify's webhook envelope, signed with the secret; {@code batchSize} > 1: NDJSON bodies. */
    record Webhook(
            String key,
            URI url,
            String secretEnv,
            Set<String> events,
            int batchSize,
            Duration timeout,
            Retry retry,
            JsonNode source)
            implements DestinationSpec {
        public Webhook {
            events = Set.copyOf(events);
        }

        @Override
        public String type() {
            return "webhook";
        }
    }

    /** Events published to a RabbitMQ topic exchange, routing key = event type, persistent, with publisher confirms. */
    record RabbitMq(String key, String exchange, Set<String> events, Retry retry, JsonNode source)
            implements DestinationSpec {
        public RabbitMq {
            events = Set.copyOf(events);
        }

        @Override
        public String type() {
            return "rabbitmq";
        }
    }
}
