package io.segmentbatch.destination;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a job file's {@code destinations} array. Every problem goes to the error sink with its JSON path
 * ({@code $.destinations[1].url}); nothing is thrown, so that the job loader reports all errors at once.
 */
public final class DestinationsSection {
    static final String PATH = "$.destinations";
    static final Set<String> EVENT_TYPES = Set.of("customer.segment.entered", "customer.segment.left");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> COMMON = Set.of("type", "name");
    private static final Set<String> VOUCHERIFY = Set.of(
            "api_url",
            "app_id_env",
            "app_token_env",
            "segments",
            "concurrency",
            "requests_per_minute",
            "timeout",
            "retry");
    private static final Set<String> WEBHOOK = Set.of("url", "secret_env", "events", "batch_size", "timeout", "retry");
    private static final Set<String> RABBITMQ = Set.of("exchange", "events", "retry");
    private static final DestinationSpec.Retry SEGMENT_RETRY =
            new DestinationSpec.Retry(6, Duration.ofSeconds(1), Duration.ofMinutes(1));
    /** Voucherify's own webhook retries: 12 tries, from 1 minute up to 24 hours. */
    private static final DestinationSpec.Retry EVENT_RETRY =
            new DestinationSpec.Retry(12, Duration.ofMinutes(1), Duration.ofHours(24));

    private final BiConsumer<String, String> errors;

    private DestinationsSection(BiConsumer<String, String> errors) {
        this.errors = errors;
    }

    /**
     * The event types that the destinations in a run's job definition deliver: what the run's outbox must hold for
     * them. Empty when the job has no webhook or RabbitMQ destination.
     */
    public static Set<String> deliveredEvents(String jobName, String definitionJson) {
        Set<String> types = new HashSet<>();
        for (DestinationSpec spec : RunDestinations.of(jobName, definitionJson)) {
            if (spec instanceof DestinationSpec.Webhook webhook) {
                types.addAll(webhook.events());
            } else if (spec instanceof DestinationSpec.RabbitMq rabbit) {
                types.addAll(rabbit.events());
            }
        }
        return types;
    }

    /**
     * The destinations of a job; an absent key gives none.
     *
     * @param segmentNames the names of the job's segments (a voucherify destination's {@code segments} must name them)
     * @param errors       receives (JSON path, message) for each problem
     */
    public static List<DestinationSpec> read(
            JsonNode destinations,
            String jobName,
            @Nullable Collection<String> segmentNames,
            BiConsumer<String, String> errors) {
        if (destinations == null || destinations.isNull()) {
            return List.of();
        }
        if (!destinations.isArray()) {
            errors.accept(
                    PATH,
                    "expected an array of destinations, found "
                            + destinations.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return List.of();
        }
        DestinationsSection section = new DestinationsSection(errors);
        List<DestinationSpec> specs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < destinations.size(); i++) {
            String path = PATH + "[" + i + "]";
            DestinationSpec spec = section.one(destinations.get(i), path, jobName, segmentNames);
            if (spec != null && !keys.add(spec.key())) {
                errors.accept(
                        path, "a second destination named '" + spec.key() + "'; give one of them a different \"name\"");
            } else if (spec != null) {
                specs.add(spec);
            }
        }
        return specs;
    }

    /** One declaration as stored in {@code sb_destination}; throws if it no longer reads. */
    static DestinationSpec readStored(JsonNode declaration, String jobName) {
        List<String> problems = new ArrayList<>();
        DestinationSpec spec = new DestinationsSection((path, message) -> problems.add(path + ": " + message))
                .one(declaration, "$", jobName, null);
        if (spec == null || !problems.isEmpty()) {
            throw new IllegalStateException("stored destination of job " + jobName + " is invalid: " + problems);
        }
        return spec;
    }

    private @Nullable DestinationSpec one(
            JsonNode node, String path, String jobName, @Nullable Collection<String> segmentNames) {
        if (node == null || !node.isObject()) {
            errors.accept(
                    path, "expected an object such as {\"type\": \"webhook\", \"url\": \"…\", \"secret_env\": \"…\"}");
            return null;
        }
        String type = string(node, "type", path, true);
        if (type == null) {
            return null;
        }
        String name = string(node, "name", path, false);
        int before = errorCount;
        DestinationSpec spec = switch (type) {
            case "voucherify" -> voucherify(node, path, jobName, name, segmentNames);
            case "webhook" -> webhook(node, path, jobName, name);
            case "rabbitmq" -> rabbitmq(node, path, jobName, name);
            default -> {
                error(
                        path + ".type",
                        "unknown destination type '" + type + "' (expected voucherify, webhook or rabbitmq)");
                yield null;
            }
        };
        return errorCount == before ? spec : null;
    }

    private int errorCount;

    private void error(String path, String message) {
        errorCount++;
        errors.accept(path, message);
    }

    private @Nullable DestinationSpec voucherify(
            JsonNode node,
            String path,
            String jobName,
            @Nullable String name,
            @Nullable Collection<String> segmentNames) {
        unknownKeys(node, path, VOUCHERIFY);
        URI url = url(node, "api_url", path);
        String idEnv = envName(node, "app_id_env", path);
        String tokenEnv = envName(node, "app_token_env", path);
        List<String> segments = null;
        JsonNode list = node.get("segments");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                error(path + ".segments", "expected an array of segment names");
            } else {
                segments = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    String itemPath = path + ".segments[" + i + "]";
                    if (!item.isString() || item.asString().isBlank()) {
                        error(itemPath, "expected a segment name");
                    } else if (segmentNames != null && !segmentNames.contains(item.asString())) {
                        error(itemPath, "the job has no segment named '" + item.asString() + "'");
                    } else {
                        segments.add(item.asString());
                    }
                }
            }
        }
        int concurrency = integer(node, "concurrency", path, 2, 1, 32);
        int perMinute = integer(node, "requests_per_minute", path, 100, 1, 100_000);
        Duration timeout = timeout(node, path, Duration.ofSeconds(30));
        DestinationSpec.Retry retry = retry(node, path, SEGMENT_RETRY);
        String key = name != null ? name : jobName + ":voucherify:" + url;
        // the env names are required: null only after an error, which drops the spec anyway
        return url == null || idEnv == null || tokenEnv == null
                ? null
                : new DestinationSpec.Voucherify(
                        key, url, idEnv, tokenEnv, segments, concurrency, perMinute, timeout, retry, node);
    }

    private @Nullable DestinationSpec webhook(JsonNode node, String path, String jobName, @Nullable String name) {
        unknownKeys(node, path, WEBHOOK);
        URI url = url(node, "url", path);
        String secretEnv = envName(node, "secret_env", path);
        Set<String> events = events(node, path);
        int batch = integer(node, "batch_size", path, 1, 1, 1000);
        Duration timeout = timeout(node, path, Duration.ofSeconds(10));
        DestinationSpec.Retry retry = retry(node, path, EVENT_RETRY);
        String key = name != null ? name : jobName + ":webhook:" + url;
        return url == null || secretEnv == null
                ? null
                : new DestinationSpec.Webhook(key, url, secretEnv, events, batch, timeout, retry, node);
    }

    private @Nullable DestinationSpec rabbitmq(JsonNode node, String path, String jobName, @Nullable String name) {
        unknownKeys(node, path, RABBITMQ);
        String exchange = string(node, "exchange", path, true);
        Set<String> events = events(node, path);
        DestinationSpec.Retry retry = retry(node, path, EVENT_RETRY);
        String key = name != null ? name : jobName + ":rabbitmq:" + exchange;
        return exchange == null ? null : new DestinationSpec.RabbitMq(key, exchange, events, retry, node);
    }

    private void unknownKeys(JsonNode node, String path, Set<String> allowed) {
        for (String key : node.propertyNames()) {
            if (!COMMON.contains(key) && !allowed.contains(key)) {
                List<String> known = new ArrayList<>(COMMON);
                known.addAll(allowed);
                error(
                        path + "." + key,
                        "unknown key '" + key + "' for a " + node.get("type").asString()
                                + " destination (expected one of "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private @Nullable String string(JsonNode node, String key, String path, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                error(path + "." + key, "a destination needs \"" + key + "\"");
            }
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            error(path + "." + key, "expected a non-empty string, found " + value);
            return null;
        }
        return value.asString();
    }

    private @Nullable URI url(JsonNode node, String key, String path) {
        String text = string(node, key, path, true);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                error(
                        path + "." + key,
                        "expected an http or https URL such as https://api.voucherify.io, found '" + text + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            error(path + "." + key, "'" + text + "' is not a URL: " + e.getReason());
            return null;
        }
    }

    /** Names an environment variable (never holds the secret itself). */
    private @Nullable String envName(JsonNode node, String key, String path) {
        String name = string(node, key, path, true);
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            error(
                    path + "." + key,
                    "expected the name of an environment variable such as VOUCHERIFY_APP_TOKEN"
                            + " (credentials never go in the job file), found '" + name + "'");
            return null;
        }
        return name;
    }

    private Set<String> events(JsonNode node, String path) {
        JsonNode list = node.get("events");
        if (list == null || list.isNull()) {
            return EVENT_TYPES;
        }
        Set<String> events = new LinkedHashSet<>();
        if (!list.isArray() || list.isEmpty()) {
            error(
                    path + ".events",
                    "expected a non-empty array of event types (customer.segment.entered, customer.segment.left)");
            return EVENT_TYPES;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isString() || !EVENT_TYPES.contains(item.asString())) {
                error(
                        path + ".events[" + i + "]",
                        "expected customer.segment.entered or customer.segment.left, found " + item);
            } else {
                events.add(item.asString());
            }
        }
        return events;
    }

    private int integer(JsonNode node, String key, String path, int fallback, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            error(path + "." + key, "expected a whole number from " + min + " to " + max + ", found " + value);
            return fallback;
        }
        return value.intValue();
    }

    /** A call's timeout: more than zero (a zero timeout is refused by the HTTP client at every call). */
    private Duration timeout(JsonNode node, String path, Duration fallback) {
        Duration timeout = duration(node, "timeout", path, fallback);
        if (timeout.isZero()) {
            error(
                    path + ".timeout",
                    "expected a timeout longer than zero, found '"
                            + node.get("timeout").asString() + "'");
            return fallback;
        }
        return timeout;
    }

    private Duration duration(JsonNode node, String key, String path, Duration fallback) {
        String text = string(node, key, path, false);
        if (text == null) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                error(path + "." + key, "expected a positive ISO 8601 duration, found '" + text + "'");
                return fallback;
            }
            return duration;
        } catch (DateTimeParseException e) {
            error(
                    path + "." + key,
                    "expected an ISO 8601 duration such as \"PT30S\" or \"PT1M\", found '" + text + "'");
            return fallback;
        }
    }

    private DestinationSpec.Retry retry(JsonNode node, String path, DestinationSpec.Retry defaults) {
        JsonNode retry = node.get("retry");
        if (retry == null || retry.isNull()) {
            return defaults;
        }
        String retryPath = path + ".retry";
        if (!retry.isObject()) {
            error(
                    retryPath,
                    "expected an object such as {\"max_tries\": 12, \"first_delay\": \"PT1M\", \"max_delay\": \"PT24H\"}");
            return defaults;
        }
        for (String key : retry.propertyNames()) {
            if (!Set.of("max_tries", "first_delay", "max_delay").contains(key)) {
                error(retryPath + "." + key, "unknown key '" + key + "' (expected first_delay, max_delay, max_tries)");
            }
        }
        int tries = integer(retry, "max_tries", retryPath, defaults.maxTries(), 1, 1000);
        Duration first = duration(retry, "first_delay", retryPath, defaults.firstDelay());
        Duration max = duration(
                retry, "max_delay", retryPath, defaults.maxDelay().compareTo(first) < 0 ? first : defaults.maxDelay());
        if (max.compareTo(first) < 0) {
            error(retryPath + ".max_delay", "must not be shorter than first_delay");
            return defaults;
        }
        return new DestinationSpec.Retry(tries, first, max);
    }
}
