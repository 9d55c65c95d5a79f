package io.segmentbatch.customer;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What each cell of a file's rows means, decided once from its header row. */
final class Header {

    enum Kind {
        COLUMN,
        METADATA_JSON,
        SYSTEM_METADATA_JSON,
        METADATA_KEY,
        EVENT_COUNT,
        CAMPAIGN_POINTS
    }

    /**
     * One cell position: its kind, and the export column or the metadata key / event / campaign name. A fallback
     * gives its column only where no other cell of the row did ({@code birthday} beside {@code birthdate}).
     */
    record Binding(
            Kind kind,
            @Nullable ExportColumn column,
            @Nullable String name,
            boolean fallback) {
        Binding(Kind kind, @Nullable ExportColumn column, @Nullable String name) {
            this(kind, column, name, false);
        }

        /** What the cell gives the customer: two cells that give the same thing would leave it to column order. */
        // a COLUMN binding has its column and every other kind its name (bind makes them so)
        @SuppressWarnings("NullAway")
        String target() {
            return switch (kind) {
                case COLUMN -> "the customer's " + column.header;
                case METADATA_JSON -> "the metadata object";
                case SYSTEM_METADATA_JSON -> "the system_metadata object";
                case METADATA_KEY -> "metadata property '" + name + "'";
                case EVENT_COUNT -> "the count of event '" + name + "'";
                case CAMPAIGN_POINTS -> "the points of campaign '" + name + "'";
            };
        }
    }

    private final List<Binding> bindings;
    private final List<String> warnings;

    private Header(List<Binding> bindings, List<String> warnings) {
        this.bindings = bindings;
        this.warnings = warnings;
    }

    /** Reads a header row; fails when it names no column the pipeline knows, or neither id nor source_id. */
    static Header parse(String file, String[] cells, ExportFormat format) {
        List<Binding> bindings = new ArrayList<>(cells.length);
        List<String> warnings = new ArrayList<>();
        List<String> headers = new ArrayList<>(cells.length);
        boolean known = false;
        boolean identity = false;
        for (String cell : cells) {
            String header = format.mapped(cell.strip());
            headers.add(header);
            Binding binding = bind(header);
            if (binding == null) {
                warnings.add(header.strip());
                binding = new Binding(Kind.METADATA_KEY, null, header.strip());
            } else {
                known = true;
                identity |= binding.kind() == Kind.COLUMN
                        && (binding.column() == ExportColumn.ID || binding.column() == ExportColumn.SOURCE_ID);
            }
            bindings.add(binding);
        }
        if (!known) {
            throw new ExportFormatException(file + " line 1: the header names no column the pipeline knows"
                    + " (expected columns such as id, source_id, email, address_city, metadata); columns found: "
                    + found(cells) + otherDelimiter(cells, format.delimiter()));
        }
        if (!identity) {
            throw new ExportFormatException(file + " line 1: the header has neither an id nor a source_id column,"
                    + " so no row could name its customer; columns found: " + found(cells));
        }
        return new Header(distinct(file, cells, headers, bindings), List.copyOf(warnings));
    }

    /**
     * Refuses two cells that give the customer the same thing ({@code source_id} and {@code SOURCE ID}, or a column
     * mapped by {@code input.columns} beside one of that name): which one counted would depend on column order, and
     * a stray copy of an identity column would decide who is who. {@code birthday}, the deprecated name of
     * {@code birthdate}, may stand beside it: it counts where {@code birthdate}'s cell is empty.
     */
    private static List<Binding> distinct(String file, String[] cells, List<String> headers, List<Binding> bindings) {
        Map<String, Integer> first = new HashMap<>();
        List<Binding> kept = new ArrayList<>(bindings);
        for (int i = 0; i < bindings.size(); i++) {
            Binding binding = bindings.get(i);
            Integer earlier = first.putIfAbsent(binding.target(), i);
            if (earlier == null) {
                continue;
            }
            int birthday = birthday(headers, earlier, i);
            if (birthday >= 0) {
                kept.set(birthday, new Binding(Kind.COLUMN, ExportColumn.BIRTHDATE, null, true));
                continue;
            }
            throw new ExportFormatException(file + " line 1: columns " + (earlier + 1) + " ('"
                    + cells[earlier].strip() + "') and " + (i + 1) + " ('" + cells[i].strip() + "') both give "
                    + binding.target() + "; remove one of them from the export, or from input.columns");
        }
        return List.copyOf(kept);
    }

    /** Of two cells that both give birthdate, the one that is {@code birthday} (-1 when neither or both are). */
    private static int birthday(List<String> headers, int one, int other) {
        boolean oneIs = ExportColumn.normalize(headers.get(one)).equals("birthday");
        boolean otherIs = ExportColumn.normalize(headers.get(other)).equals("birthday");
        return oneIs == otherIs ? -1 : oneIs ? one : other;
    }

    /** A header read as one cell that another common delimiter would cut: the advice to set it. */
    private static String otherDelimiter(String[] cells, char delimiter) {
        if (cells.length != 1) {
            return "";
        }
        for (char other : new char[] {';', '\t', '|', ','}) {
            if (other != delimiter && cells[0].indexOf(other) >= 0) {
                return "; the header is one cell: if the export's delimiter is "
                        + (other == '\t'
                                ? "a tab, set input.delimiter to \"\\t\""
                                : "'" + other + "', set input.delimiter to \"" + other + "\"")
                        + " in the job file";
            }
        }
        return "";
    }

    private static String found(String[] cells) {
        List<String> names = new ArrayList<>(cells.length);
        for (String cell : cells) {
            names.add("'" + cell.strip() + "'");
        }
        return String.join(", ", names);
    }

    static @Nullable Binding bind(String header) {
        String normalized = ExportColumn.normalize(header);
        if (normalized.equals("metadata")) {
            return new Binding(Kind.METADATA_JSON, null, null);
        }
        if (normalized.equals("system_metadata")) {
            return new Binding(Kind.SYSTEM_METADATA_JSON, null, null);
        }
        String stripped = header.strip();
        String key = between(stripped, "metadata.", "");
        if (key != null) {
            return new Binding(Kind.METADATA_KEY, null, key);
        }
        String event = between(stripped, "events.", ".count");
        if (event != null) {
            return new Binding(Kind.EVENT_COUNT, null, event);
        }
        String campaign = between(stripped, "loyalty_points.campaigns.", ".points");
        if (campaign != null) {
            return new Binding(Kind.CAMPAIGN_POINTS, null, campaign);
        }
        return ExportColumn.forHeader(header)
                .map(column -> new Binding(Kind.COLUMN, column, null))
                .orElse(null);
    }

    /**
     * The name between {@code prefix} and {@code suffix} in a header, which match as every header name does (ignoring
     * case and the difference between a space, a dash and an underscore: {@code Loyalty Points.Campaigns.Summer
     * Sale.Points}); the name itself is kept as it is. Null when the header is not of that shape.
     */
    private static @Nullable String between(String header, String prefix, String suffix) {
        int end = header.length() - suffix.length();
        if (end <= prefix.length()
                || !ExportColumn.normalize(header.substring(0, prefix.length())).equals(prefix)
                || !ExportColumn.normalize(header.substring(end)).equals(suffix)) {
            return null;
        }
        return header.substring(prefix.length(), end);
    }

    int size() {
        return bindings.size();
    }

    Binding binding(int index) {
        return bindings.get(index);
    }

    /** The columns read as metadata properties because they are not export columns, by name. */
    List<String> unknownColumns() {
        return warnings;
    }
}
