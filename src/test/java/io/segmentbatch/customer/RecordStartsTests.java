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
