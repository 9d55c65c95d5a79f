package io.segmentbatch.customer;

import java.util.HashMap;
import java.util.Map;

/**
 * How a job's exports are laid out.
 *
 * @param delimiter the cell delimiter ({@code ,} unless the job says otherwise)
 * @param columns   foreign header name → column of the customer export ({@code "Customer Number" → "source_id"})
 */
public record ExportFormat(char delimiter, Map<String, String> columns) {
    public ExportFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        Map<String, String> normalized = new HashMap<>();
        columns.forEach((foreign, own) -> normalized.put(ExportColumn.normalize(foreign), own));
        columns = Map.copyOf(normalized);
    }

    public static ExportFormat standard() {
        return new ExportFormat(',', Map.of());
    }

    /** The export column a header stands for, after the job's mapping. */
    String mapped(String header) {
        return columns.getOrDefault(ExportColumn.normalize(header), header);
    }
}
