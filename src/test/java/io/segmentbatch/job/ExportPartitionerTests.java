package io.segmentbatch.job;

import io.segmentbatch.customer.RecordStarts;
import io.segmentbatch.store.Dialect;
import io.segmentbatch.store.RunRecord;
import io.segmentbatch.store.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class ExportPartitionerTests {
    @TempDir
    Path folder;

    @Test
    void aFileOfTwoPartitionSizesIsCutWhereARecordStarts() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        Map<String, ExecutionContext> partitions =
                partitioner(file, Files.size(file) / 2).partition(2);
        assertThat(partitions).containsOnlyKeys("file0000-part0000", "file0000-part0001");
        ExecutionContext second = partitions.get("file0000-part0001");
        long start = second.getLong(ExportPartitioner.START);
        assertThat(Files.readString(file).substring((int) start)).startsWith("cust_");
        assertThat(second.getLong(ExportPartitioner.LINE))
                .as("the physical line the second partition starts on")
                .isEqualTo(
                        Files.readString(file).substring(0, (int) start).lines().count() + 1);
    }

    /**
     * A file smaller than two partitions is read whole: cutting a 59 MB export of 200,000 customers for two threads
     * made evaluation no faster (H2 11.5/11.7 s whole, 12.4/12.0 s cut; PostgreSQL 7.8/8.1 s against 9.1/8.1 s).
     */
    @Test
    void aSmallFileIsOnePartition() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        assertThat(partitioner(file, Files.size(file) / 2 + 1).partition(2)).containsOnlyKeys("file0000-part0000");
    }

    @Test
    void remoteModeCutsOnlyByThePartitionSize() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        assertThat(partitioner(file, Files.size(file) / 2).partition(1))
                .containsOnlyKeys("file0000-part0000", "file0000-part0001");
    }

    /**
     * A one-shot run's input is scanned while the application starts: the partitioner takes that scan when the file,
     * its header and the partition size are the same (here shown by a file changed behind the scan's back, with its
     * size and time kept), and scans again when the file is another.
     */
    @Test
    void thePartitionerTakesTheScanMadeWhileTheApplicationStartedForTheSameFileOnly() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        long partitionSize = Files.size(file) / 2;
        List<Long> unchanged = starts(partitioner(file, partitionSize).partition(2));
        EarlyScan.start(definition(), file.toString(), settings(partitionSize + "B", "2"))
                .join();

        String text = Files.readString(file);
        shiftRecordsKeepingSizeAndTime(file);
        assertThat(starts(partitioner(file, partitionSize).partition(2)))
                .as("the early scan's cuts")
                .isEqualTo(unchanged);
        assertThat(starts(partitioner(file, partitionSize).partition(2)))
                .as("taken once: the next partitioning scans the file as it is")
                .isNotEqualTo(unchanged);

        EarlyScan.start(definition(), file.toString(), partitionSize, 2).join();
        Files.writeString(file, text + "cust_last,Last,last@example.com\n");
        List<Long> grown = starts(partitioner(file, partitionSize).partition(2));
        assertThat(Files.readString(file).substring(grown.get(1).intValue()))
                .as("a file that is not the one scanned early is scanned again")
                .startsWith("cust_");
        assertThat(starts(partitioner(file, partitionSize).partition(2))).isEqualTo(grown);
    }

    /**
     * A one-shot run begins scanning before the application has read its settings, reading them itself; once the
     * application has, the scan is kept when it was cut as they say, and made again when it was not.
     */
    @Test
    void aScanBegunBeforeTheSettingsIsKeptWhenTheyAgreeAndMadeAgainWhenNot() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        long partitionSize = Files.size(file) / 2;
        Instant asOf = Instant.parse("2026-11-01T12:00:00Z");
        List<Long> unchanged = starts(partitioner(file, partitionSize).partition(2));
        String text = Files.readString(file);

        EarlyScan.Early agreed = EarlyScan.startBeforeSettings(
                definition(), file.toString(), () -> settings(partitionSize + "B", "2"), asOf);
        agreed.confirm(settings(partitionSize + "B", "2")).join();
        shiftRecordsKeepingSizeAndTime(file);
        assertThat(starts(partitioner(file, partitionSize).partition(2)))
                .as("the scan begun before the settings")
                .isEqualTo(unchanged);

        Files.writeString(file, text);
        file.toFile().setLastModified(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        List<Long> restored = starts(partitioner(file, partitionSize).partition(2));
        EarlyScan.Early guessedWrong = EarlyScan.startBeforeSettings(
                definition(), file.toString(), () -> settings(partitionSize / 2 + "B", "2"), asOf);
        guessedWrong.confirm(settings(partitionSize + "B", "2")).join();
        shiftRecordsKeepingSizeAndTime(file);
        assertThat(starts(partitioner(file, partitionSize).partition(2)))
                .as("scanned again once the settings were known, before the file changed")
                .isEqualTo(restored);
    }

    /**
     * With the default thread count, a run on PostgreSQL evaluates on one thread more than the cores, and cuts its
     * partitions for that many: the early scan, made before any connection, cuts the same from the datasource URL.
     */
    @Test
    void theEarlyScanCutsForTheThreadsOfTheDatabaseItsURLNames() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        long partitionSize = Files.size(file) / 2;
        int threads = SegmentationJobConfig.partitionThreads(0, Dialect.POSTGRES);
        List<Long> unchanged = starts(partitioner(file, partitionSize).partition(threads));
        MockEnvironment postgres = new MockEnvironment()
                .withProperty("segment-batch.partition-size", partitionSize + "B")
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/segment_batch");
        EarlyScan.start(definition(), file.toString(), postgres).join();

        shiftRecordsKeepingSizeAndTime(file);
        assertThat(starts(partitioner(file, partitionSize).partition(threads)))
                .as("the early scan's cuts, made for as many threads")
                .isEqualTo(unchanged);
    }

    @Test
    void partitionsAreEvaluatedOnAThreadPerCoreAndOneMoreOnPostgreSQLUnlessConfigured() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(SegmentationJobConfig.partitionThreads(0, Dialect.H2)).isEqualTo(cores);
        assertThat(SegmentationJobConfig.partitionThreads(0, Dialect.POSTGRES)).isEqualTo(cores + 1);
        assertThat(SegmentationJobConfig.partitionThreads(5, Dialect.POSTGRES)).isEqualTo(5);
        assertThat(SegmentationJobConfig.partitionThreads(5, Dialect.H2)).isEqualTo(5);
    }

    @Test
    void aDatasourceURLNamesPostgreSQLOrElseTheEmbeddedDefault() {
        assertThat(Dialect.ofUrl("jdbc:postgresql://db.internal/segments")).isEqualTo(Dialect.POSTGRES);
        assertThat(Dialect.ofUrl("jdbc:h2:file:./data/segment-batch")).isEqualTo(Dialect.H2);
        assertThat(Dialect.ofUrl(null)).isEqualTo(Dialect.H2);
    }

    /** No early scan for a remote manager, nor when the settings cannot be read (the application says why). */
    @Test
    void noEarlyScanForARemoteManagerOrUnreadableSettings() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        long partitionSize = Files.size(file) / 2;
        List<Long> unchanged = starts(partitioner(file, partitionSize).partition(2));
        MockEnvironment remote = settings(partitionSize + "B", "2");
        remote.setProperty("segment-batch.remote.enabled", "true");
        EarlyScan.start(definition(), file.toString(), remote).join();
        EarlyScan.start(definition(), file.toString(), settings("banana", "2")).join();
        EarlyScan.start(definition(), file.toString(), settings(partitionSize + "B", "two"))
                .join();

        shiftRecordsKeepingSizeAndTime(file);
        assertThat(starts(partitioner(file, partitionSize).partition(2)))
                .as("scanned as the file is now")
                .isNotEqualTo(unchanged);
    }

    /**
     * The warm-up evaluates the first records of a large input while the application starts: up to its limit,
     * skipping a row the run would reject, and not at all for a small input or once the run evaluates.
     */
    @Test
    void theWarmUpEvaluatesTheFirstRecordsOfALargeInputOnly() throws IOException {
        Path file = export("customers.csv", 64 * 1024);
        Files.writeString(
                file, Files.readString(file).replaceFirst("anna3@example.com", "anna3@example.com,one cell too many"));
        Instant asOf = Instant.parse("2026-11-01T12:00:00Z");

        assertThat(EarlyScan.warmUp(definition(), whole(file), asOf, 0, 500, new AtomicBoolean()))
                .isEqualTo(500);
        assertThat(EarlyScan.warmUp(definition(), whole(file), asOf, Files.size(file) + 1, 500, new AtomicBoolean()))
                .as("an input under the minimum size")
                .isZero();
        assertThat(EarlyScan.warmUp(definition(), whole(file), asOf, 0, 500, new AtomicBoolean(true)))
                .as("a run that has started evaluating")
                .isZero();
        // one record a line, but the bad one: its quoted cell runs over two lines and leaves 4 cells, so its first
        // line is rejected and its second read again as a record of its own (jobs/README.md): one more read
        long records = Files.readString(file).chars().filter(c -> c == '@').count();
        assertThat(EarlyScan.warmUp(definition(), whole(file), asOf, 0, Integer.MAX_VALUE, new AtomicBoolean()))
                .as("read to the end of the input, past its bad row")
                .isEqualTo((int) records + 1);
    }

    /**
     * On a cut file the warm-up reads as the run's readers do: from the starts of the first partitions (the offsets
     * and lines the partitioner gives them), each part ending before the next partition starts, so that its reader
     * stops at an end as a partition's does, and from the start of the last partition, which has no end; about the
     * records it is given in all (the ends come from the scan's bytes per line). A file that is not cut is read from
     * its start.
     */
    @Test
    void theWarmUpReadsThePartitionsStartsAsTheRunDoes() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        long partitionSize = Files.size(file) / 6;
        List<ExecutionContext> parts =
                List.copyOf(partitioner(file, partitionSize).partition(1).values());
        List<RecordStarts.Start> starts = parts.stream()
                .skip(1)
                .map(p -> new RecordStarts.Start(p.getLong(ExportPartitioner.START), p.getLong(ExportPartitioner.LINE)))
                .toList();
        assertThat(parts).hasSize(6);

        List<EarlyScan.Range> ranges = EarlyScan.ranges(file, starts, 400);

        assertThat(ranges).hasSize(EarlyScan.WARM_UP_RANGES);
        for (int k = 0; k < ranges.size() - 1; k++) {
            EarlyScan.Range range = ranges.get(k);
            assertThat(range.start()).isEqualTo(parts.get(k).getLong(ExportPartitioner.START));
            assertThat(range.line()).isEqualTo(parts.get(k).getLong(ExportPartitioner.LINE));
            assertThat(range.end())
                    .isGreaterThan(range.start())
                    .isLessThan(starts.get(k).offset());
        }
        EarlyScan.Range last = ranges.get(ranges.size() - 1);
        assertThat(last.start()).isEqualTo(parts.get(5).getLong(ExportPartitioner.START));
        assertThat(last.line()).isEqualTo(parts.get(5).getLong(ExportPartitioner.LINE));
        assertThat(last.end()).isEqualTo(-1);
        assertThat(last.records()).isEqualTo(100);
        int read = EarlyScan.warmUp(
                definition(), ranges, Instant.parse("2026-11-01T12:00:00Z"), 0, Integer.MAX_VALUE, new AtomicBoolean());
        // three parts ended by bytes, about 100 lines each (this export's records are two lines: about 50 records),
        // and 100 records of the last partition
        assertThat(read)
                .as("each part read to its end, the last to its records")
                .isBetween(230, 270);
        assertThat(EarlyScan.ranges(file, List.of(), 400)).containsExactly(new EarlyScan.Range(file, 0, 1, -1, 400));
    }

    /** A run that starts partitioning stops the warm-ups registered before it (even one whose scan is not over). */
    @Test
    void aRunThatStartsPartitioningStopsTheWarmUps() throws IOException {
        Path file = export("customers.csv", 1024 * 1024);
        AtomicBoolean stop = EarlyScan.warmUpStarting();

        partitioner(file, Files.size(file) / 2).partition(2);

        assertThat(stop).isTrue();
        assertThat(EarlyScan.warmUp(definition(), whole(file), Instant.parse("2026-11-01T12:00:00Z"), 0, 500, stop))
                .as("a warm-up whose scan ended after the run started partitioning")
                .isZero();
    }

    /** The warm-up's reading of a file that is not cut: from its start, with no limit of its own. */
    private static List<EarlyScan.Range> whole(Path file) {
        return EarlyScan.ranges(file, List.of(), Integer.MAX_VALUE);
    }

    private static MockEnvironment settings(String partitionSize, String threads) {
        return new MockEnvironment()
                .withProperty("segment-batch.partition-size", partitionSize)
                .withProperty("segment-batch.partition-threads", threads);
    }

    /** The records moved one byte up, the file's size and time kept: a new scan cuts elsewhere. */
    private static void shiftRecordsKeepingSizeAndTime(Path file) throws IOException {
        String text = Files.readString(file);
        var modified = Files.getLastModifiedTime(file);
        Files.writeString(file, text.substring(0, 14) + text.substring(15) + "x");
        Files.setLastModifiedTime(file, modified);
    }

    private static List<Long> starts(Map<String, ExecutionContext> partitions) {
        return partitions.values().stream()
                .map(p -> p.getLong(ExportPartitioner.START))
                .toList();
    }

    private Path export(String name, long atLeast) throws IOException {
        Path file = folder.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("id,name,email\n");
            long written = 14;
            for (int i = 0; written < atLeast; i++) {
                String line = "cust_" + i + ",\"Anna\nNowak " + i + "\",anna" + i + "@example.com\n";
                out.write(line);
                written += line.length();
            }
        }
        return file;
    }

    private JobDefinition definition() throws IOException {
        Path job = folder.resolve("job.json");
        Files.writeString(job, """
                {"name": "partitions", "segments": [{"name": "All", "type": "passive",
                  "filter": {"junction": "and", "email": {"conditions": {"$contains": ["@"]}}}}]}
                """);
        return new JobDefinitionLoader().load(job);
    }

    private ExportPartitioner partitioner(Path file, long partitionSize) throws IOException {
        JobDefinition definition = definition();
        RunRecord run = new RunRecord(
                1,
                "run_partitions",
                "partitions",
                "STARTED",
                Trigger.MANUAL,
                "{}",
                List.of(file.toString()),
                folder,
                Instant.parse("2026-11-01T12:00:00Z"),
                Instant.parse("2026-11-01T12:00:00Z"),
                null);
        return new ExportPartitioner(new RunContext(run, definition, Map.of()), partitionSize);
    }
}
