package io.segmentbatch.filter;

import java.util.Map;
import java.util.Optional;

/**
 * Operators of other Voucherify filter documents (geo, voucher and campaign status, validation rules)
 * that customer segments do not take. They are named so that the error can say why, instead of
 * "unknown operator".
 */
final class ForeignOperators {

    private static final String GEO = "a geo operator";
    private static final String STATUS = "a voucher or campaign status operator";
    private static final String RULE = "a validation-rule operator";

    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("$in_location", GEO),
            Map.entry("$not_in_location", GEO),
            Map.entry("$active", STATUS),
            Map.entry("$expired", STATUS),
            Map.entry("$enabled", STATUS),
            Map.entry("$disabled", STATUS),
            Map.entry("$in_progress", STATUS),
            Map.entry("$failed", STATUS),
            Map.entry("$before_start", STATUS),
            Map.entry("$redeemed", STATUS),
            Map.entry("$redeemable", STATUS),
            Map.entry("$timeframe", RULE),
            Map.entry("$timeframe_absolute", RULE),
            Map.entry("$dow", RULE),
            Map.entry("$more_than_or_equal", RULE),
            Map.entry("$less_than_or_equal", RULE));

    private static final Map<String, String> SEGMENT_EQUIVALENTS = Map.of(
            "$more_than_or_equal", "$more_than_equal",
            "$less_than_or_equal", "$less_than_equal",
            "$dow", "$is_day");

    private ForeignOperators() {}

    /** The error message for an operator that is not for customer segments, if {@code key} is one. */
    static Optional<String> rejection(String key) {
        String kind = KINDS.get(key);
        if (kind == null) {
            return Optional.empty();
        }
        String message = key + " is not for customer segments (" + kind + ")";
        String equivalent = SEGMENT_EQUIVALENTS.get(key);
        return Optional.of(equivalent == null ? message : message + "; segments write " + equivalent);
    }
}
