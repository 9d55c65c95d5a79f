package io.segmentbatch.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The field table of the filter language ({@code jobs/README.md}, "Fields"): resolves a field path to its canonical
 * {@link FieldRef} ({@code city} to {@code address.city}, {@code birthday} to {@code birthdate}), typing
 * {@code metadata.*} by the job's {@link MetadataSchema}.
 */
public final class Fields {

    /** The path of the one field whose calendar periods mean "the anniversary lies in the period". */
    static final String BIRTHDATE = "birthdate";

    private static final Map<String, FieldRef> FIXED = fixedFields();
    private static final Map<String, String> ALIASES = Map.of("city", "address.city", "birthday", BIRTHDATE);

    private static final String METADATA = "metadata.";
    private static final String SYSTEM_METADATA = "system_metadata.";
    private static final String EVENTS = "events.";
    private static final String EVENTS_SUFFIX = ".count";
    private static final String CAMPAIGNS = "loyalty_points.campaigns.";
    private static final String CAMPAIGNS_SUFFIX = ".points";

    /** What the unknown-field error lists as the accepted paths. */
    static final String DESCRIPTION = String.join(", ", FIXED.keySet()) + ", city, birthday, metadata.<key>, "
            + "system_metadata.<key>, events.<name>.count, loyalty_points.campaigns.<campaign name>.points";

    private Fields() {}

    /** The canonical field of {@code path}, or empty when the path is not in the field table. */
    public static Optional<FieldRef> resolve(String path, MetadataSchema schema) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(schema, "schema");
        FieldRef fixed = FIXED.get(ALIASES.getOrDefault(path, path));
        if (fixed != null) {
            return Optional.of(fixed);
        }
        if (path.startsWith(METADATA)) {
            String key = path.substring(METADATA.length());
            return isKey(key) ? Optional.of(new FieldRef(path, schema.typeOf(key))) : Optional.empty();
        }
        if (path.startsWith(SYSTEM_METADATA)) {
            return isKey(path.substring(SYSTEM_METADATA.length()))
                    ? Optional.of(new FieldRef(path, FieldType.UNTYPED))
                    : Optional.empty();
        }
        if (hasName(path, EVENTS, EVENTS_SUFFIX) || hasName(path, CAMPAIGNS, CAMPAIGNS_SUFFIX)) {
            return Optional.of(new FieldRef(path, FieldType.NUMBER));
        }
        return Optional.empty();
    }

    /** A metadata key: not empty, and no empty part between its dots. */
    private static boolean isKey(String key) {
        return !key.isEmpty() && !key.startsWith(".") && !key.endsWith(".") && !key.contains("..");
    }

    private static boolean hasName(String path, String prefix, String suffix) {
        return path.length() > prefix.length() + suffix.length()
                && path.startsWith(prefix)
                && path.endsWith(suffix)
                && !path.substring(prefix.length(), path.length() - suffix.length())
                        .isBlank();
    }

    private static Map<String, FieldRef> fixedFields() {
        Map<String, FieldRef> fields = new LinkedHashMap<>();
        for (String path : new String[] {
            "id",
            "source_id",
            "name",
            "email",
            "phone",
            "description",
            "address.city",
            "address.state",
            "address.line_1",
            "address.line_2",
            "address.country",
            "address.postal_code"
        }) {
            fields.put(path, new FieldRef(path, FieldType.STRING));
        }
        for (String path : new String[] {"created_at", "updated_at", "summary.orders.last_order_date"}) {
            fields.put(path, new FieldRef(path, FieldType.DATETIME));
        }
        fields.put(BIRTHDATE, new FieldRef(BIRTHDATE, FieldType.DATE));
        for (String path : new String[] {
            "summary.orders.total_amount",
            "summary.orders.total_count",
            "summary.orders.average_amount",
            "summary.orders.last_order_amount",
            "summary.redemptions.total_redeemed",
            "summary.redemptions.total_failed",
            "summary.redemptions.total_succeeded",
            "summary.redemptions.total_rolled_back",
            "summary.redemptions.total_rollback_failed",
            "summary.redemptions.total_rollback_succeeded",
            "loyalty.points",
            "loyalty.referred_customers"
        }) {
            fields.put(path, new FieldRef(path, FieldType.NUMBER));
        }
        return Collections.unmodifiableMap(fields);
    }
}
