package io.segmentbatch.trigger;

import io.segmentbatch.store.Dialect;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the environment the command line starts the application in, once Spring has read its configuration:
 * every active profile must be one this application (or the user's own configuration) has a file for, so that a
 * mistyped {@code --spring.profiles.active=postgress} is refused instead of silently running on the embedded H2
 * database. Also remembers the database URL, to name it when the database cannot be reached.
 */
final class StartupChecks implements ApplicationListener<ApplicationEvent> {
    private static final Pattern PROFILE_FILE =
            Pattern.compile("application-([^/\\\\\\]\\[]+?)\\.(properties|ya?ml)\\b");

    private volatile @Nullable String databaseUrl;

    /** The {@code spring.datasource.url} of the last start, or null before one. */
    @Nullable
    String databaseUrl() {
        return databaseUrl;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            ConfigurableEnvironment environment = prepared.getEnvironment();
            databaseUrl = environment.getProperty("spring.datasource.url");
            checkProfiles(environment);
            checkSettings(environment);
            checkRemoteDatabase(environment);
        }
    }

    /**
     * A manager or worker ({@code --remote}, {@code worker}) on a URL other than PostgreSQL's is refused before the
     * database is opened: the embedded default would otherwise create its file first.
     */
    static void checkRemoteDatabase(ConfigurableEnvironment environment) {
        if (environment.getProperty("segment-batch.remote.enabled", Boolean.class, false)
                || environment.getProperty("segment-batch.remote.worker", Boolean.class, false)) {
            Dialect.ofUrl(environment.getProperty("spring.datasource.url"))
                    .whyNotRemote()
                    .ifPresent(problem -> {
                        throw new InvalidSettingException(problem);
                    });
        }
    }

    /** The settings whose bad value would hang a run or fail it with a message that does not name them. */
    private static final Map<String, String> POSITIVE_INTEGERS = Map.of(
            "segment-batch.chunk-size", "rows per transaction",
            "segment-batch.partition-threads", "threads evaluating a run",
            "segment-batch.remote.concurrency", "partitions a worker runs at once");

    private static final Map<String, String> POSITIVE_DURATIONS = Map.of(
            "segment-batch.progress.interval", "period of the progress lines",
            "segment-batch.progress.refresh", "period of the progress bar",
            "segment-batch.destinations.poll-interval", "period of the delivery dispatcher",
            "segment-batch.serve.poll-interval", "period of the inbox polls",
            "segment-batch.remote.poll-interval", "period of the manager's checks",
            // 0s waited for the workers for ever, and a worker with a negative one stopped as if with none
            "segment-batch.remote.timeout", "how long the manager waits for its partitions",
            "segment-batch.remote.shutdown-timeout", "how long a stopping worker lets its partition finish");

    /**
     * Checks the value of each numeric, duration and choice setting that is set, so that a bad one is refused at
     * start with its name ({@code --segment-batch.chunk-size=0} used to hang the run at 0 rows; {@code =abc} said only
     * {@code For input string: "abc"}).
     */
    static void checkSettings(ConfigurableEnvironment environment) {
        List<String> errors = new ArrayList<>();
        POSITIVE_INTEGERS.forEach((name, what) -> {
            String value = environment.getProperty(name);
            if (value != null && !isPositiveInteger(value.strip())) {
                errors.add(name + "=" + value + ": expected a whole number of at least 1 (" + what + ")");
            }
        });
        String partitionSize = environment.getProperty("segment-batch.partition-size");
        if (partitionSize != null && !isPositiveSize(partitionSize.strip())) {
            errors.add("segment-batch.partition-size=" + partitionSize
                    + ": expected a size of at least 1 byte, such as 64MB or 1048576");
        }
        POSITIVE_DURATIONS.forEach((name, what) -> {
            String value = environment.getProperty(name);
            if (value != null && !isPositiveDuration(value.strip())) {
                errors.add(name + "=" + value + ": expected a duration longer than zero, such as 5s, 500ms or PT1M ("
                        + what + ")");
            }
        });
        String mode = environment.getProperty("segment-batch.progress.mode");
        if (mode != null && !List.of("bar", "lines").contains(mode.strip().toLowerCase(Locale.ROOT))) {
            errors.add("segment-batch.progress.mode=" + mode + ": expected bar or lines");
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingException(String.join("; ", errors));
        }
    }

    private static boolean isPositiveInteger(String value) {
        try {
            return Integer.parseInt(value) >= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isPositiveSize(String value) {
        try {
            return DataSize.parse(value).toBytes() >= 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isPositiveDuration(String value) {
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            return !duration.isNegative() && !duration.isZero();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void checkProfiles(ConfigurableEnvironment environment) {
        String[] active = environment.getActiveProfiles();
        // the usual case, every active profile's file loaded: the class path is not searched (a search of every jar
        // in the application's, 0.13 s of each start)
        TreeSet<String> loaded = loadedProfiles(environment);
        if (Arrays.stream(active).allMatch(profile -> profile.equals("default") || loaded.contains(profile))) {
            return;
        }
        TreeSet<String> known = knownProfiles(environment);
        List<String> unknown = new ArrayList<>();
        for (String profile : active) {
            if (!profile.equals("default") && !known.contains(profile)) {
                unknown.add(profile);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownProfileException("unknown profile" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(p -> "'" + p + "'").toList())
                    + " in spring.profiles.active=" + String.join(",", Arrays.asList(active))
                    + "; the profiles with a configuration file are: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
    }

    /** The profiles whose configuration file the environment has loaded. */
    private static TreeSet<String> loadedProfiles(ConfigurableEnvironment environment) {
        TreeSet<String> loaded = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            addProfiles(source.getName(), loaded);
        }
        return loaded;
    }

    /**
     * The profiles a configuration file is for ({@code application-<profile>.properties}, {@code .yml}): on the class
     * path, in the working directory or its {@code config/} folder (where Spring Boot looks by default), or loaded
     * from wherever {@code spring.config.location} pointed.
     */
    private static TreeSet<String> knownProfiles(ConfigurableEnvironment environment) {
        TreeSet<String> known = loadedProfiles(environment);
        try {
            for (Resource resource :
                    new PathMatchingResourcePatternResolver().getResources("classpath*:application-*")) {
                addProfiles(String.valueOf(resource.getFilename()), known);
            }
        } catch (IOException e) {
            // An unreadable class path entry names no profile; the profiles found elsewhere still count.
        }
        for (Path folder : List.of(Path.of("."), Path.of("config"))) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "application-*")) {
                files.forEach(file -> addProfiles(file.getFileName().toString(), known));
            } catch (IOException e) {
                // No such folder: no profile files there.
            }
        }
        return known;
    }

    private static void addProfiles(String name, TreeSet<String> known) {
        Matcher matcher = PROFILE_FILE.matcher(name);
        while (matcher.find()) {
            known.add(matcher.group(1));
        }
    }

    /** A setting with a value it cannot take. */
    static final class InvalidSettingException extends IllegalStateException {
        InvalidSettingException(String message) {
            super(message);
        }
    }

    /** A profile that no configuration file is for. */
    static final class UnknownProfileException extends IllegalStateException {
        UnknownProfileException(String message) {
            super(message);
        }
    }
}
