package io.segmentbatch.trigger;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.jspecify.annotations.Nullable;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The settings a command line may give ({@code --name=value}), checked before the application starts: Spring takes
 * any name and ignores those nobody reads, so {@code --spring.profile.active=postgres} used to run on the embedded
 * database and {@code --segment-batch.chunksize=10} to change nothing.
 *
 * <p>segment-batch's own settings are all known, and any other {@code segment-batch.} name is refused. Spring's are
 * too many to list (every library adds its own); a name within two letters of a common one, but not it, is refused
 * as a typo of it.
 */
final class SettingNames {

    /** Every {@code segment-batch.} setting the application reads (SettingNamesTests checks the sources for more). */
    static final List<String> OWN = List.of(
            "segment-batch.aot",
            "segment-batch.api.max-body-size",
            "segment-batch.app-id",
            "segment-batch.app-token",
            "segment-batch.chunk-size",
            "segment-batch.destinations.busy-wait",
            "segment-batch.destinations.poll-interval",
            "segment-batch.events.outbox",
            "segment-batch.metrics.item-timers",
            "segment-batch.partition-size",
            "segment-batch.partition-threads",
            "segment-batch.progress.interval",
            "segment-batch.progress.mode",
            "segment-batch.progress.refresh",
            "segment-batch.remote.concurrency",
            "segment-batch.remote.enabled",
            "segment-batch.remote.poll-interval",
            "segment-batch.remote.queue",
            "segment-batch.remote.shutdown-timeout",
            "segment-batch.remote.timeout",
            "segment-batch.remote.worker",
            "segment-batch.serve.jobs",
            "segment-batch.serve.min-file-age",
            "segment-batch.serve.output",
            "segment-batch.serve.poll-interval",
            "segment-batch.shutdown-timeout",
            "segment-batch.warm-up");

    /** Spring settings a user of segment-batch gives often: a near miss of one of them is a typo. */
    static final List<String> COMMON = List.of(
            "spring.profiles.active",
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.rabbitmq.host",
            "spring.rabbitmq.port",
            "spring.rabbitmq.username",
            "spring.rabbitmq.password",
            "spring.rabbitmq.virtual-host",
            "server.port",
            "server.address",
            "management.server.port",
            "management.server.address",
            "logging.level.root");

    private static final LevenshteinDistance NEAR = new LevenshteinDistance(2);

    private SettingNames() {}

    /** Why a {@code --name=value} argument's name is refused, or empty when it is fine. */
    static Optional<String> problem(String argument) {
        String name = argument.substring(2, argument.contains("=") ? argument.indexOf('=') : argument.length());
        if (name.startsWith("segment-batch.")) {
            return OWN.contains(name)
                    ? Optional.empty()
                    : Optional.of("unknown setting --" + name + suggestion(name, OWN)
                            + " (segment-batch's settings are listed in the README, \"Command line\")");
        }
        if (COMMON.contains(name)) {
            return Optional.empty();
        }
        String near = nearest(name, COMMON);
        return near == null
                ? Optional.empty()
                : Optional.of("unknown setting --" + name + "; did you mean --" + near + "?");
    }

    private static String suggestion(String name, List<String> names) {
        String near = nearest(name, names);
        return near == null ? "" : "; did you mean --" + near + "?";
    }

    /** The name within two edits of {@code name}, the closest first; null when none is. */
    private static @Nullable String nearest(String name, List<String> names) {
        return names.stream()
                .filter(candidate -> NEAR.apply(name, candidate) >= 0)
                .min(Comparator.comparingInt(candidate -> NEAR.apply(name, candidate)))
                .orElse(null);
    }
}
