package io.segmentbatch.customer;

import io.segmentbatch.filter.FieldType;
import org.jspecify.annotations.Nullable;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the cells of one record into a {@link Customer}, or says why it cannot. A cell with a NUL character, or an
 * identity longer than {@value #MAX_IDENTITY_LENGTH} characters, makes the row a reject: neither can be stored
 * (PostgreSQL text holds no NUL; an index entry holds at most about 2.7 kB), and one such row must not fail a run.
 */
final class CustomerParser {
    /** The longest {@code id} or {@code source_id}, in characters (Unicode code points). */
    static final int MAX_IDENTITY_LENGTH = 255;

    private final Header header;
    private final MetadataTypes metadataTypes;
    private final ZoneId zone;

    CustomerParser(Header header, Function<String, FieldType> metadataSchema, ZoneId zone) {
        this.header = header;
        this.metadataTypes = new MetadataTypes(metadataSchema, zone);
        this.zone = zone;
    }

    /** @throws IllegalArgumentException with the reason a cell or the record is bad */
    // a COLUMN binding has its column and every other kind its name (Header.bind makes them so)
    @SuppressWarnings("NullAway")
    Customer parse(String[] cells, RowSource source, String raw, int lines) {
        Object[] columns = new Object[ExportColumn.values().length];
        Map<String, Object> metadata = Map.of();
        Map<String, Object> systemMetadata = Map.of();
        Map<String, Object> metadataCells = null;
        Map<String, Object> events = null;
        Map<String, Object> campaigns = null;
        // every cell is part of the record's text: one scan of it, and the cells only when it has a NUL (the scan of
        // each cell was 2.4% of the evaluating threads' CPU on the 1M bench)
        if (raw.indexOf('\0') >= 0) {
            for (int i = 0; i < cells.length; i++) {
                int nul = cells[i].indexOf('\0');
                if (nul >= 0) {
                    throw new IllegalArgumentException(
                            cellName(header.binding(i)) + ": a NUL character (byte 0) at character " + (nul + 1)
                                    + " of the cell; NUL cannot be stored");
                }
            }
        }
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].strip();
            if (cell.isEmpty()) {
                continue;
            }
            Header.Binding binding = header.binding(i);
            try {
                switch (binding.kind()) {
                    case COLUMN -> {
                        int at = binding.column().ordinal();
                        if (!binding.fallback() || columns[at] == null) {
                            columns[at] = columnValue(binding.column(), cell);
                        }
                    }
                    case METADATA_JSON -> metadata = typed(JsonValues.parseObject(cell));
                    case SYSTEM_METADATA_JSON -> systemMetadata = JsonValues.parseObject(cell);
                    case METADATA_KEY ->
                        (metadataCells = orNew(metadataCells))
                                .put(binding.name(), metadataTypes.fromText(binding.name(), cell));
                    case EVENT_COUNT -> (events = orNew(events)).put(binding.name(), CellValues.integer(cell));
                    case CAMPAIGN_POINTS ->
                        (campaigns = orNew(campaigns)).put(binding.name(), CellValues.integer(cell));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(cellName(binding) + ": " + e.getMessage(), e);
            }
        }
        if (metadataCells != null) {
            Map<String, Object> merged = new HashMap<>(metadata);
            merged.putAll(metadataCells);
            metadata = merged;
        }
        String id = (String) columns[ExportColumn.ID.ordinal()];
        String sourceId = (String) columns[ExportColumn.SOURCE_ID.ordinal()];
        checkLength("id", id);
        checkLength("source_id", sourceId);
        String key = id != null ? id : sourceId;
        if (key == null) {
            throw new IllegalArgumentException("no identity: the row has neither id nor source_id");
        }
        return new Customer(
                key, columns, metadata, systemMetadata, orEmpty(events), orEmpty(campaigns), source, raw, lines);
    }

    private static void checkLength(String column, String identity) {
        if (identity != null
                && identity.length() > MAX_IDENTITY_LENGTH
                && identity.codePointCount(0, identity.length()) > MAX_IDENTITY_LENGTH) {
            throw new IllegalArgumentException(column + ": " + identity.codePointCount(0, identity.length())
                    + " characters long; an identity has at most " + MAX_IDENTITY_LENGTH);
        }
    }

    private Object columnValue(ExportColumn column, String cell) {
        return switch (column.type) {
            case NUMBER -> column.whole ? CellValues.integer(cell) : CellValues.number(cell);
            case DATE -> CellValues.date(cell);
            case DATETIME -> CellValues.dateTime(cell, zone);
            default -> cell;
        };
    }

    private Map<String, Object> typed(Map<String, Object> json) {
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            try {
                entry.setValue(metadataTypes.fromJson(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("property '" + entry.getKey() + "' " + e.getMessage(), e);
            }
        }
        return json;
    }

    // a COLUMN binding has its column and every other kind its name (Header.bind makes them so)
    @SuppressWarnings("NullAway")
    private static String cellName(Header.Binding binding) {
        return switch (binding.kind()) {
            case COLUMN -> binding.column().header;
            case METADATA_JSON -> "metadata";
            case SYSTEM_METADATA_JSON -> "system_metadata";
            case METADATA_KEY -> "metadata." + binding.name();
            case EVENT_COUNT -> "events." + binding.name() + ".count";
            case CAMPAIGN_POINTS -> "loyalty_points.campaigns." + binding.name() + ".points";
        };
    }

    private static Map<String, Object> orNew(@Nullable Map<String, Object> map) {
        return map != null ? map : new HashMap<>();
    }

    private static Map<String, Object> orEmpty(@Nullable Map<String, Object> map) {
        return map != null ? map : Map.of();
    }
}
