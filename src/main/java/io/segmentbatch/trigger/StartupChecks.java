package io.segmentbatch.trigger;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /** A profile that no configuration file is for. */
    static final class UnknownProfileException extends IllegalStateException {
        UnknownProfileException(String message) {
            super(message);
        }
    }
}
