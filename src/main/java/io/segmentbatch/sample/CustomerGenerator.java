package io.segmentbatch.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes made-up but realistic customers as a Voucherify customer export (CSV, see
 * {@code jobs/README.md}, "Input files"), for demos and benchmarks. The same seed always gives a
 * byte-identical file: nothing depends on the clock (dates are relative to
 * 2026-11-01), the locale or hash order. Names and cities come from ten languages, including
 * non-ASCII ones ({@code Łódź}, {@code São Paulo}); most customers have a few orders and a long
 * tail spends a lot; {@code metadata} holds a JSON object with varying keys. Rows never contain
 * line breaks. Plain Java; about 500,000 rows a second to a plain file, 200,000 gzipped.
 */
public final class CustomerGenerator {

    /** The columns, in the order they are written. */
    static final String[] HEADER = {
        "id",
        "source_id",
        "name",
        "description",
        "email",
        "phone",
        "created_at",
        "updated_at",
        "birthdate",
        "address_city",
        "address_country",
        "address_postal_code",
        "redemptions_total_redeemed",
        "orders_total_amount",
        "orders_total_count",
        "orders_average_amount",
        "orders_last_order_amount",
        "orders_last_order_date",
        "loyalty_points",
        "metadata"
    };

    private static final int FLUSH_AT = 1 << 16;

    private CustomerGenerator() {}

    /**
     * Writes a header and {@code count} customers to {@code file}, replacing it, gzip-compressed
     * when its name ends with {@code .gz}. Missing parent folders are created.
     *
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws UncheckedIOException     if the file cannot be written
     */
    public static void write(long count, Path file, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = open(file)) {
                writeRows(count, seed, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write customers to " + file, e);
        }
    }

    private static void writeRows(long count, long seed, OutputStream out) throws IOException {
        GeneratorCsv csv = new GeneratorCsv();
        for (String column : HEADER) {
            csv.text(column);
        }
        csv.endRow();
        GeneratedCustomerRow rows = new GeneratedCustomerRow(seed, csv);
        StringBuilder text = csv.text();
        for (long index = 0; index < count; index++) {
            rows.append(index);
            if (text.length() >= FLUSH_AT) {
                flush(text, out);
            }
        }
        flush(text, out);
    }

    /** Rows are collected as text and encoded about 64 KB at a time. */
    private static void flush(StringBuilder text, OutputStream out) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        text.setLength(0);
    }

    /** Gzip at the fastest level: even so, compression rather than generation sets the pace. */
    private static OutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (!file.getFileName().toString().endsWith(".gz")) {
            return out;
        }
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }
}
