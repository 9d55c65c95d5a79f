package io.segmentbatch.job;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * The job key {@code guards}: what makes a run look like it read a broken export, so that it is held instead of
 * committed. A key left out takes its default; {@code null} turns that guard off, and {@code "guards": null} all.
 *
 * @param minCustomers          fewer customers than this trips it (default 1)
 * @param maxCustomersDropRatio more than this share fewer customers than the job's last completed run (default 0.5)
 * @param maxLeftRatio          more than this share of an auto-update segment's current members leaving (default 0.5)
 */
record Guards(
        @Nullable Long minCustomers,
        @Nullable Double maxCustomersDropRatio,
        @Nullable Double maxLeftRatio) {
    static final Guards DEFAULTS = new Guards(1L, 0.5, 0.5);
    private static final Set<String> KEYS = Set.of("min_customers", "max_customers_drop_ratio", "max_left_ratio");

    /** The guards of a job file that was checked when it was loaded. */
    static Guards of(JobDefinition definition) {
        JsonNode guards =
                definition.source() == null ? null : definition.source().get("guards");
        if (guards != null && guards.isNull()) {
            return new Guards(null, null, null); // "guards": null: every guard off
        }
        if (guards == null || !guards.isObject()) {
            return DEFAULTS;
        }
        return new Guards(
                guards.has("min_customers")
                        ? (guards.get("min_customers").isNull()
                                ? null
                                : guards.get("min_customers").longValue())
                        : DEFAULTS.minCustomers(),
                ratio(guards, "max_customers_drop_ratio", DEFAULTS.maxCustomersDropRatio()),
                ratio(guards, "max_left_ratio", DEFAULTS.maxLeftRatio()));
    }

    private static @Nullable Double ratio(JsonNode guards, String key, @Nullable Double fallback) {
        if (!guards.has(key)) {
            return fallback;
        }
        return guards.get(key).isNull() ? null : guards.get(key).doubleValue();
    }

    /** Checks the {@code guards} key of a job file, with JSON paths. */
    static void check(DefinitionReader in, JsonNode root) {
        JsonNode guards = root.get("guards");
        if (guards == null || guards.isNull()) {
            return;
        }
        if (!guards.isObject()) {
            in.error(
                    "$.guards",
                    "expected an object such as {\"min_customers\": 1, \"max_customers_drop_ratio\": 0.5, \"max_left_ratio\": 0.5}");
            return;
        }
        in.rejectUnknownKeys(guards, "$.guards", KEYS);
        JsonNode min = guards.get("min_customers");
        if (min != null && !min.isNull() && (!min.isIntegralNumber() || min.longValue() < 0)) {
            in.error(
                    "$.guards.min_customers",
                    "expected a whole number of customers (0 or more), or null to turn it off");
        }
        for (String key : new String[] {"max_customers_drop_ratio", "max_left_ratio"}) {
            JsonNode ratio = guards.get(key);
            if (ratio != null
                    && !ratio.isNull()
                    && (!ratio.isNumber() || ratio.doubleValue() < 0 || ratio.doubleValue() > 1)) {
                in.error("$.guards." + key, "expected a share from 0 to 1 (0.5 is half), or null to turn it off");
            }
        }
    }
}
