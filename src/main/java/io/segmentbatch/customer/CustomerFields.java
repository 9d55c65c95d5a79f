package io.segmentbatch.customer;

import io.segmentbatch.filter.FieldAccessor;
import io.segmentbatch.filter.FieldRef;
import io.segmentbatch.filter.FieldResolver;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/** Resolves the filter language's field paths to accessors on {@link Customer}, once per compiled filter. */
public final class CustomerFields implements FieldResolver<Customer> {
    private static final String METADATA = "metadata.";
    private static final String SYSTEM_METADATA = "system_metadata.";
    private static final String EVENTS = "events.";
    private static final String CAMPAIGNS = "loyalty_points.campaigns.";

    @Override
    public FieldAccessor<Customer> accessor(FieldRef field) {
        String path = field.path();
        ExportColumn column = ExportColumn.forPath(path).orElse(null);
        if (column != null) {
            return customer -> customer.column(column);
        }
        if (path.startsWith(METADATA)) {
            String key = path.substring(METADATA.length());
            String[] parts = key.split("\\.");
            return customer -> lookup(customer.metadata(), key, parts);
        }
        if (path.startsWith(SYSTEM_METADATA)) {
            String key = path.substring(SYSTEM_METADATA.length());
            String[] parts = key.split("\\.");
            return customer -> lookup(customer.systemMetadata(), key, parts);
        }
        if (path.startsWith(EVENTS) && path.endsWith(".count")) {
            String name = path.substring(EVENTS.length(), path.length() - ".count".length());
            return customer -> customer.eventCounts().get(name);
        }
        if (path.startsWith(CAMPAIGNS) && path.endsWith(".points")) {
            String name = path.substring(CAMPAIGNS.length(), path.length() - ".points".length());
            return customer -> customer.campaignPoints().get(name);
        }
        throw new IllegalArgumentException("no customer field for path " + path);
    }

    /** A key as written ({@code a.b} from a {@code metadata.a.b} column), else a walk through nested objects. */
    static @Nullable Object lookup(Map<String, Object> values, String key, String[] parts) {
        Object direct = values.get(key);
        if (direct != null || parts.length == 1) {
            return direct;
        }
        Object current = values;
        for (String part : parts) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
