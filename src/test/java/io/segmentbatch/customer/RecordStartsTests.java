package io.segmentbatch.customer;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitions cut at the record starts the scanner finds read exactly what one sequential read of the file reads:
 * the same customers and the same rejects, on the same lines, over messy files (multi-line quoted cells, doubled
 * quotes, stray quotes that never close, multi-line records with the wrong number of cells, blank lines, CRLF).
 */
class RecordStartsTests {
    private static final AtomicInteger SEED = new AtomicInteger(20261202);

    @TempDir
    Path folder;

    @Test
    void cutsOnlyAtRecordStartsOfAPlainFile() throws IOException {
        Path file = folder.resolve("c.csv");
        Files.writeString(
                file, "id,name\ncust_1,\"two\nlines\"\ncust_2,b\ncust_3,c\ncust_4,d\n", StandardCharsets.UTF_8);
        List<RecordStarts.Start> starts = RecordStarts.find(file, ',', 2, 12);
        assertThat(starts).extracting(RecordStarts.Start::line).containsExactly(4L, 6L);
        assertThat(starts.get(0).offset()).isEqualTo("id,name\ncust_1,\"two\nlines\"\n".length());
    }

    @RepeatedTest(40)
    void partitionsReadWhatOneSequentialReadReads() throws IOException {
        Random random = new Random(SEED.getAndIncrement());
        Path file = folder.resolve("messy.csv");
        Files.writeString(file, messyExport(random, 300 + random.nextInt(300)), StandardCharsets.UTF_8);
        List<String> sequential = read(new ExportReader(
                List.of(file),
                ExportFormat.standard(),
                key -> io.segmentbatch.filter.FieldType.UNTYPED,
                ZoneOffset.UTC));
        long partitionSize = 200 + random.nextInt(2000);
        List<RecordStarts.Start> starts = RecordStarts.find(file, ',', 3, partitionSize);
        List<String> partitioned = new ArrayList<>();
        long start = 0;
        long line = 1;
        for (int k = 0; k <= starts.size(); k++) {
            long end = k < starts.size() ? starts.get(k).offset() : -1;
            partitioned.addAll(read(new ExportReader(
                    file,
                    ExportFormat.standard(),
                    key -> io.segmentbatch.filter.FieldType.UNTYPED,
                    ZoneOffset.UTC,
                    start,
                    line,
                    end)));
            if (k < starts.size()) {
                start = starts.get(k).offset();
                line = starts.get(k).line();
            }
        }
        assertThat(starts).isNotEmpty();
        assertThat(partitioned).containsExactlyElementsOf(sequential);
    }

    /**
     * The scanner finds, at every window size, the record starts that {@link RecordShape} finds when fed the file's
     * lines one by one, as the scanner did before it ran the machine over the bytes itself: with a partition size of
     * one byte every record start is a cut, so every start and line number is compared. The files hold what can move
     * a cut: multi-line cells, doubled quotes, stray quotes (one left open over more than
     * {@value ExportReader#MAX_RECORD_LINES} lines), quotes inside unquoted cells, long lines, CRLF, UTF-8, and an
     * end of file with or without a line break, inside an open quote or not.
     */
    @RepeatedTest(60)
    void findsTheStartsTheReadersMachineFindsLineByLine() throws IOException {
        Random random = new Random(SEED.getAndIncrement());
        char delimiter = random.nextBoolean() ? ',' : ';';
        byte[] content = trickyExport(random, delimiter).getBytes(StandardCharsets.UTF_8);
        Path file = folder.resolve("tricky.csv");
        Files.write(file, content);
        for (long partitionSize : new long[] {1, 1 + random.nextInt(3000)}) {
            List<RecordStarts.Start> expected = lineByLine(content, delimiter, 3, partitionSize);
            for (int window : new int[] {1, 7, 8, 9, 64, 1 + random.nextInt(5000), 1 << 20}) {
                assertThat(RecordStarts.find(file, delimiter, 3, partitionSize, window))
                        .as("partition size %d, window %d", partitionSize, window)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    /** The scan as it was, line by line through {@link RecordShape}: the reference for the one above. */
    private static List<RecordStarts.Start> lineByLine(
            byte[] file, char delimiter, int headerCells, long partitionSize) {
        List<RecordStarts.Start> starts = new ArrayList<>();
        RecordShape shape = new RecordShape(delimiter);
        long size = file.length;
        long offset = nextLine(file, 0);
        long line = 2;
        long target = partitionSize;
        while (offset >= 0 && offset < size) {
            if (offset >= target && size - offset >= partitionSize / 4) {
                starts.add(new RecordStarts.Start(offset, line));
                target = offset + partitionSize;
            }
            long afterFirst = nextLine(file, offset);
            shape.reset();
            feed(shape, file, offset, afterFirst);
            long end = afterFirst;
            int lines = 1;
            while (shape.pending() && lines < ExportReader.MAX_RECORD_LINES && end >= 0 && end < size) {
                long after = nextLine(file, end);
                feed(shape, file, end, after);
                end = after;
                lines++;
            }
            boolean broken =
                    shape.pending() || (lines > 1 && (shape.cells() != headerCells || shape.textAfterClosingQuote()));
            if (broken || lines == 1) {
                offset = afterFirst;
                line += 1;
            } else {
                offset = end;
                line += lines;
            }
        }
        return starts;
    }

    private static long nextLine(byte[] file, long offset) {
        for (int i = (int) offset; i < file.length; i++) {
            if (file[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Feeds the line {@code [from, to)} (to: -1 for the end) without its line break, a byte as a character. */
    private static void feed(RecordShape shape, byte[] file, long from, long to) {
        int stop = to < 0 ? file.length : (int) to;
        if (stop > from && file[stop - 1] == '\n') {
            stop--;
        }
        if (stop > from && file[stop - 1] == '\r') {
            stop--;
        }
        shape.feed(new String(file, (int) from, stop - (int) from, StandardCharsets.ISO_8859_1));
    }

    private static String trickyExport(Random random, char d) {
        StringBuilder csv = new StringBuilder("id" + d + "name" + d + "metadata\n");
        int rows = 50 + random.nextInt(400);
        for (int i = 0; i < rows; i++) {
            String eol = random.nextInt(8) == 0 ? "\r\n" : "\n";
            String id = "c" + i + d;
            switch (random.nextInt(16)) {
                case 0 ->
                    csv.append(id)
                            .append("\"multi")
                            .append(eol)
                            .append("line\"")
                            .append(d)
                            .append("{}");
                case 1 -> csv.append(id).append("\"say \"\"hi\"\"\"").append(d).append("\"{\"\"a\"\":\"\"\"\"}\"");
                case 2 ->
                    csv.append(id)
                            .append("\"stray quote never closed")
                            .append(d)
                            .append('x');
                case 3 ->
                    csv.append(id)
                            .append("\"open")
                            .append(eol)
                            .append("still\"")
                            .append(d)
                            .append('x')
                            .append(d);
                case 4 -> {} // a blank line
                case 5 -> csv.append(id).append("ab\"c").append(d).append('d');
                case 6 -> csv.append(id).append("\"quoted\"tail").append(d).append("\"\"");
                case 7 ->
                    csv.append(id)
                            .append("x".repeat(random.nextInt(3000)))
                            .append(d)
                            .append("\"\"\"\"".repeat(random.nextInt(400)));
                case 8 -> csv.append(id).append("Łódź ☃ \uD83D\uDE00").append(d).append("\"ż\"\"ń\"");
                case 9 -> csv.append(id).append("\"a\r\rb\"").append(d).append("\"\r\"");
                case 10 -> csv.append(id).append(d).append(d).append(d).append(d);
                case 11 -> {
                    if (random.nextInt(20) == 0) {
                        // a quote left open past the reader's limit of lines
                        csv.append(id).append("\"open on").append(eol);
                        csv.append(("plain" + d + "line" + eol)
                                .repeat(ExportReader.MAX_RECORD_LINES + random.nextInt(50)));
                    }
                    csv.append(id).append("ok").append(d).append("{}");
                }
                case 12 -> {
                    if (random.nextInt(10) == 0) {
                        // a quoted cell that closes on the reader's last line for a record, or one line before or after
                        int lines = ExportReader.MAX_RECORD_LINES - 1 + random.nextInt(3);
                        csv.append(id)
                                .append('"')
                                .append("inside\n".repeat(lines - 1))
                                .append("closed\"")
                                .append(d);
                    }
                }
                default -> csv.append(id).append("Name ").append(i).append(d);
            }
            csv.append(eol);
        }
        switch (random.nextInt(4)) {
            case 0 -> csv.setLength(csv.length() - 1); // no line break at the end
            case 1 -> csv.append("cEnd").append(d).append("\"still open at the end");
            case 2 -> csv.append("cEnd").append(d).append("\"open\nand the last line");
            default -> {}
        }
        return csv.toString();
    }

    private static List<String> read(ExportReader reader) {
        List<String> out = new ArrayList<>();
        while (true) {
            try {
                Customer customer = reader.next();
                if (customer == null) {
                    return out;
                }
                out.add(customer.source().line() + " " + customer.key() + " "
                        + customer.raw().length());
            } catch (RejectedRowException e) {
                out.add(e.source().line() + " rejected: " + e.reason());
            }
        }
    }

    private static String messyExport(Random random, int rows) {
        StringBuilder csv = new StringBuilder("id,name,metadata\n");
        for (int i = 0; i < rows; i++) {
            String eol = random.nextInt(10) == 0 ? "\r\n" : "\n";
            switch (random.nextInt(12)) {
                case 0 ->
                    csv.append("cust_")
                            .append(i)
                            .append(",\"multi\nline ")
                            .append(i)
                            .append("\nname\",{}")
                            .append(eol);
                case 1 ->
                    csv.append("cust_")
                            .append(i)
                            .append(",\"say \"\"hi\"\"\",\"{\"\"a\"\":1}\"")
                            .append(eol);
                case 2 ->
                    csv.append("cust_")
                            .append(i)
                            .append(",\"stray quote never closed,x")
                            .append(eol);
                case 3 ->
                    csv.append("cust_")
                            .append(i)
                            .append(",\"open\nstill open\",x,y")
                            .append(eol);
                case 4 -> csv.append(eol);
                case 5 -> csv.append("cust_").append(i).append(",ab\"c,d").append(eol);
                case 6 ->
                    csv.append("cust_").append(i).append(",\"quoted\"tail,z").append(eol);
                default ->
                    csv.append("cust_")
                            .append(i)
                            .append(",Name ")
                            .append(i)
                            .append(",")
                            .append(eol);
            }
        }
        return csv.toString();
    }
}
