package io.segmentbatch.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The text of records of an export file, read again by line number: what a reject shows of a row found bad only
 * after it was stored (a customer ID seen twice). One pass over the file for any number of records.
 */
public final class RecordText {
    private RecordText() {}

    /**
     * @param encoding the file's encoding (the job's {@code input.encoding}), as the run read it
     * @param records  the first line of each record and the number of physical lines it spans
     * @return the records' text by first line, its lines joined with a line feed
     */
    public static Map<Long, String> read(Path file, Charset encoding, Map<Long, Integer> records) {
        NavigableMap<Long, Integer> wanted = new TreeMap<>(records);
        Map<Long, StringBuilder> texts = new HashMap<>();
        if (wanted.isEmpty()) {
            return Map.of();
        }
        long last = wanted.lastEntry().getKey() + wanted.lastEntry().getValue();
        try (PhysicalLines lines = new PhysicalLines(file, new AtomicLong(), encoding)) {
            for (PhysicalLines.Line line = lines.next(); line != null && line.number() < last; line = lines.next()) {
                Map.Entry<Long, Integer> record = wanted.floorEntry(line.number());
                if (record != null && line.number() < record.getKey() + record.getValue()) {
                    StringBuilder text = texts.computeIfAbsent(record.getKey(), k -> new StringBuilder());
                    text.append(text.isEmpty() ? "" : "\n").append(line.text());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read again (" + FileFailures.reason(e) + ")", e);
        }
        Map<Long, String> result = new HashMap<>();
        texts.forEach((line, text) -> result.put(line, text.toString()));
        return result;
    }
}
