package io.segmentbatch.customer;

import java.util.Map;

/**
 * One customer of an export, every cell already parsed into its type (so that a date cell is parsed
 * once per row, whatever the number of filters that read it).
 */
public final class Customer {
    private final String key;
    private final Object[] columns;
    private final Map<String, Object> metadata;
    private final Map<String, Object> systemMetadata;
    private final Map<String, Object> eventCounts;
    private final Map<String, Object> campaignPoints;
    private final RowSource source;
    private final String raw;
    private final int lines;

    Customer(
            String key,
            Object[] columns,
            Map<String, Object> metadata,
            Map<String, Object> systemMetadata,
            Map<String, Object> eventCounts,
            Map<String, Object> campaignPoints,
            RowSource source,
            String raw,
            int lines) {
        this.key = key;
        this.columns = columns;
        this.metadata = metadata;
        this.systemMetadata = systemMetadata;
        this.eventCounts = eventCounts;
        this.campaignPoints = campaignPoints;
        this.source = source;
        this.raw = raw;
        this.lines = lines;
    }

    /** The identity: {@code id}, or {@code source_id} where the customer has no {@code id}. */
    public String key() {
        return key;
    }

    public String id() {
        return (String) columns[ExportColumn.ID.ordinal()];
    }

    public String sourceId() {
        return (String) columns[ExportColumn.SOURCE_ID.ordinal()];
    }

    public String name() {
        return (String) columns[ExportColumn.NAME.ordinal()];
    }

    public String email() {
        return (String) columns[ExportColumn.EMAIL.ordinal()];
    }

    /** Where the row came from. */
    public RowSource source() {
        return source;
    }

    /** The record's text as it stands in the file (what a reject of it shows). */
    public String raw() {
        return raw;
    }

    /**
     * The physical lines the record spans in its file (a quoted cell's line breaks count; in a file whose lines end
     * with a lone CR, a line feed inside a cell is text and does not).
     */
    public int lines() {
        return lines;
    }

    Object column(ExportColumn column) {
        return columns[column.ordinal()];
    }

    Map<String, Object> metadata() {
        return metadata;
    }

    Map<String, Object> systemMetadata() {
        return systemMetadata;
    }

    Map<String, Object> eventCounts() {
        return eventCounts;
    }

    Map<String, Object> campaignPoints() {
        return campaignPoints;
    }
}
