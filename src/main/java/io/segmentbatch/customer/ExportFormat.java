package io.segmentbatch.customer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a job's exports are laid out.
 *
 * @param delimiter the cell delimiter ({@code ,} unless the job says otherwise)
 * @param columns   foreign header name → column of the customer export ({@code "Customer Number" → "source_id"})
 * @param encoding  the character encoding of the files ({@code input.encoding}, UTF-8 unless the job says
 *                  otherwise); one that keeps ASCII as is ({@link #keepsAscii(Charset)})
 */
public record ExportFormat(char delimiter, Map<String, String> columns, Charset encoding) {
    private static final String ASCII_PROBE;

    static {
        StringBuilder probe = new StringBuilder();
        for (char c = 1; c < 0x80; c++) {
            probe.append(c);
        }
        ASCII_PROBE = probe.toString();
    }

    public ExportFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        Objects.requireNonNull(encoding, "encoding");
        if (!keepsAscii(encoding)) {
            throw new IllegalArgumentException("the encoding " + encoding.name() + " does not keep ASCII as is");
        }
        Map<String, String> normalized = new HashMap<>();
        columns.forEach((foreign, own) -> normalized.put(ExportColumn.normalize(foreign), own));
        columns = Map.copyOf(normalized);
    }

    /** UTF-8. */
    public ExportFormat(char delimiter, Map<String, String> columns) {
        this(delimiter, columns, StandardCharsets.UTF_8);
    }

    public static ExportFormat standard() {
        return new ExportFormat(',', Map.of());
    }

    /**
     * Whether every ASCII character is the same single byte in this encoding (UTF-8, windows-1252, ISO-8859-*…,
     * not UTF-16 or EBCDIC): lines are split and quotes found on bytes, before decoding.
     */
    public static boolean keepsAscii(Charset encoding) {
        if (!encoding.canEncode()) {
            return false;
        }
        try {
            return new String(ASCII_PROBE.getBytes(StandardCharsets.US_ASCII), encoding).equals(ASCII_PROBE)
                    && Arrays.equals(ASCII_PROBE.getBytes(encoding), ASCII_PROBE.getBytes(StandardCharsets.US_ASCII));
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Whether a job may map a foreign header to {@code column}: a column of the customer export ({@code source_id},
     * {@code Address City}), {@code metadata.<key>}, {@code events.<name>.count} or
     * {@code loyalty_points.campaigns.<name>.points}; matched as headers are.
     */
    public static boolean isExportColumn(String column) {
        return Header.bind(column.strip()) != null;
    }

    /** The plain columns of the customer export, by header name: what {@link #isExportColumn} says no to lists. */
    public static String exportColumns() {
        return Arrays.stream(ExportColumn.values()).map(column -> column.header).collect(Collectors.joining(", "));
    }

    /** The export column a header stands for, after the job's mapping. */
    String mapped(String header) {
        return columns.getOrDefault(ExportColumn.normalize(header), header);
    }
}
