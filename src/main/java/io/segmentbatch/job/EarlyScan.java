package io.segmentbatch.job;

import io.segmentbatch.customer.Customer;
import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RecordStarts;
import io.segmentbatch.customer.RejectedRowException;
import io.segmentbatch.store.Dialect;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Cutting a run's input into partitions, started before the run: a one-shot command knows its job and input before
 * the application starts, and scanning the file for record starts (0.3 s of one core for the 1M bench's 295 MB;
 * 1.5 s for 5M customers) then overlaps the 2 s of start-up, which leaves a core partly idle. The
 * partitioner takes a scan made here only for the same file (path, size and modification time), delimiter, header
 * and partition size, and waits for it when it is still going; otherwise it scans as before. Anything that goes
 * wrong here (no such file, a bad header) is left for the run to report.
 */
public final class EarlyScan {
    private static final Logger log = LoggerFactory.getLogger(EarlyScan.class);

    private record Key(Path file, long size, long modified, char delimiter, int headerCells, long partitionSize) {
        static Key of(Path file, char delimiter, int headerCells, long partitionSize) {
            File plain = file.toFile();
            return new Key(
                    file.toAbsolutePath().normalize(),
                    plain.length(),
                    plain.lastModified(),
                    delimiter,
                    headerCells,
                    partitionSize);
        }
    }

    private static final ConcurrentMap<Key, CompletableFuture<List<RecordStarts.Start>>> SCANS =
            new ConcurrentHashMap<>();

    /**
     * At most this many records are evaluated to warm the JIT up ({@link #warmUp}). On the 1M bench on PostgreSQL,
     * alternating with the warm-up off (same build): 25,000 made the evaluate step 1.2 to 2.1 s shorter and the
     * whole run 0.2 to 1.6 s (a mean of 1.1 s over four pairs); 60,000 made evaluating 1.2 to 3 s shorter but
     * the start 1.9 s longer (the warm-up and the compiling it causes took the CPU the start needed), a mean of 0.5 s
     * over six pairs; 300,000 (about 100,000 before the run began) gained nothing.
     */
    static final int WARM_UP_RECORDS = 25_000;

    /** Inputs smaller than this are not warmed up for: a run of them is short, and the JIT warms up in it. */
    static final long WARM_UP_MIN_BYTES = 128L * 1024 * 1024;

    /** The warm-ups going on: a run that starts evaluating stops them ({@link #stopWarmUps}). */
    private static final Set<AtomicBoolean> WARMING = ConcurrentHashMap.newKeySet();

    private EarlyScan() {}

    /**
     * Starts scanning, on a daemon thread, the files a local run of {@code definition} will read ({@code input}, else
     * the job's {@code input.path}), cut as the application's {@code settings} say (partition size and threads). A
     * remote manager does not scan early: it cuts for workers whose threads it does not know. Settings that cannot be
     * read are left for the application to report. The future completes when the scan is over (or given up).
     */
    public static CompletableFuture<Void> start(
            JobDefinition definition, @Nullable String input, Environment settings) {
        return start(definition, input, settings, null);
    }

    /**
     * As {@link #start(JobDefinition, String, Environment)}; with {@code warmUpAsOf}, once the scan is over, the same
     * thread also evaluates the first records of a large input as of that instant and throws the results away
     * ({@link #warmUp}).
     */
    public static CompletableFuture<Void> start(
            JobDefinition definition, @Nullable String input, Environment settings, @Nullable Instant warmUpAsOf) {
        Plan plan = Plan.of(settings);
        if (plan == null) {
            return CompletableFuture.completedFuture(null);
        }
        return start(definition, input, plan.partitionSize(), plan.threads(), plan.warmUp() ? warmUpAsOf : null);
    }

    /**
     * How a local run will cut its input and whether it warms up, as the application's settings say; null for a
     * remote manager (it does not scan early) or settings that cannot be read (left for the application to report).
     */
    record Plan(long partitionSize, int threads, boolean warmUp) {
        static @Nullable Plan of(Environment settings) {
            try {
                if (settings.getProperty(RemotePartitioning.ENABLED, Boolean.class, false)) {
                    return null;
                }
                return new Plan(
                        DataSize.parse(settings.getProperty(
                                        "segment-batch.partition-size", RunLauncher.DEFAULT_PARTITION_SIZE))
                                .toBytes(),
                        SegmentationJobConfig.partitionThreads(
                                settings.getProperty("segment-batch.partition-threads", Integer.class, 0),
                                Dialect.ofUrl(settings.getProperty("spring.datasource.url"))),
                        settings.getProperty("segment-batch.warm-up", Boolean.class, true));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * As {@link #start(JobDefinition, String, Environment, Instant)}, before the application has read its settings:
     * the thread reads them itself ({@code settings}, the same sources as Spring's: command line, environment,
     * {@code application*.properties} of the active profiles), so that the scan and the warm-up begin while the
     * command line and Spring's start still keep one core busy and the other mostly idle. Measured with a prototype
     * that read the command line only, on the 1M bench on PostgreSQL (alternating, nine pairs): runs 0.5 s shorter in
     * the median pair, shorter in seven of nine. The application then {@linkplain Early#confirm confirms} what the
     * thread read.
     */
    public static Early startBeforeSettings(
            JobDefinition definition, @Nullable String input, Supplier<Environment> settings, Instant warmUpAsOf) {
        AtomicBoolean stop = warmUpStarting();
        CompletableFuture<@Nullable Plan> planned = new CompletableFuture<>();
        CompletableFuture<Void> scanned = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    Plan plan = null;
                    try {
                        plan = Plan.of(settings.get());
                    } catch (RuntimeException e) {
                        log.debug("no early scan before the settings: {}", e.getMessage());
                    } finally {
                        planned.complete(plan);
                    }
                    if (plan == null || stop.get()) {
                        scanned.complete(null);
                        WARMING.remove(stop);
                        return;
                    }
                    List<Range> ranges;
                    try {
                        ranges = scan(definition, input, plan.partitionSize(), plan.threads());
                    } finally {
                        scanned.complete(null);
                    }
                    if (plan.warmUp()) {
                        warmUp(definition, ranges, warmUpAsOf, WARM_UP_MIN_BYTES, WARM_UP_RECORDS, stop);
                    } else {
                        WARMING.remove(stop);
                    }
                },
                "early-scan");
        thread.setDaemon(true);
        thread.start();
        return new Early(definition, input, warmUpAsOf, planned, scanned, stop);
    }

    /** A scan started before the application's settings were known ({@link #startBeforeSettings}). */
    public static final class Early {
        private final JobDefinition definition;
        private final @Nullable String input;
        private final Instant warmUpAsOf;
        private final CompletableFuture<@Nullable Plan> planned;
        private final CompletableFuture<Void> scanned;
        private final AtomicBoolean stop;

        private Early(
                JobDefinition definition,
                @Nullable String input,
                Instant warmUpAsOf,
                CompletableFuture<@Nullable Plan> planned,
                CompletableFuture<Void> scanned,
                AtomicBoolean stop) {
            this.definition = definition;
            this.input = input;
            this.warmUpAsOf = warmUpAsOf;
            this.planned = planned;
            this.scanned = scanned;
            this.stop = stop;
        }

        /**
         * The application's settings, now read: the scan goes on when it planned as they say; otherwise (a setting
         * only the application sees, such as a {@code SPRING_APPLICATION_JSON}) its warm-up stops, and the input is
         * scanned again as they say. The future completes when the scan the run will take is over.
         */
        public CompletableFuture<Void> confirm(Environment settings) {
            Plan plan = Plan.of(settings);
            Plan guessed;
            try {
                guessed = planned.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                guessed = null;
            } catch (ExecutionException | TimeoutException e) {
                guessed = null;
            }
            if (Objects.equals(plan, guessed)) {
                return scanned;
            }
            stop.set(true);
            return plan == null
                    ? CompletableFuture.completedFuture(null)
                    : start(definition, input, plan.partitionSize(), plan.threads(), plan.warmUp() ? warmUpAsOf : null);
        }
    }

    /** As {@link #start(JobDefinition, String, Environment)}, for partitions of {@code partitionSize} on {@code threads}. */
    static CompletableFuture<Void> start(
            JobDefinition definition, @Nullable String input, long partitionSize, int threads) {
        return start(definition, input, partitionSize, threads, null);
    }

    private static CompletableFuture<Void> start(
            JobDefinition definition,
            @Nullable String input,
            long partitionSize,
            int threads,
            @Nullable Instant warmUpAsOf) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // registered before the application starts, so that a run which starts evaluating before the scan is over
        // still stops it (stopWarmUps)
        AtomicBoolean stop = warmUpAsOf != null ? warmUpStarting() : new AtomicBoolean();
        Thread thread = new Thread(
                () -> {
                    List<Range> ranges = List.of();
                    try {
                        ranges = scan(definition, input, partitionSize, threads);
                    } finally {
                        done.complete(null);
                    }
                    if (warmUpAsOf != null) {
                        warmUp(definition, ranges, warmUpAsOf, WARM_UP_MIN_BYTES, WARM_UP_RECORDS, stop);
                    }
                },
                "early-scan");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /**
     * Scans the input's files for record starts; returns what the warm-up reads of them ({@link #ranges}): none when
     * they cannot be resolved.
     */
    private static List<Range> scan(JobDefinition definition, @Nullable String input, long partitionSize, int threads) {
        List<Range> ranges = new ArrayList<>();
        try {
            List<Path> files = InputFiles.resolve(input != null ? input : definition.inputPath());
            ExportReader export =
                    new ExportReader(files, definition.format(), definition.metadataTypes(), definition.timezone());
            char delimiter = definition.format().delimiter();
            for (Path file : files) {
                List<RecordStarts.Start> starts = List.of();
                if (ExportPartitioner.splittable(file, partitionSize, delimiter)) {
                    int headerCells = export.headerSize(file);
                    long size = ExportPartitioner.balanced(file.toFile().length(), partitionSize, threads);
                    CompletableFuture<List<RecordStarts.Start>> scan = new CompletableFuture<>();
                    if (SCANS.putIfAbsent(Key.of(file, delimiter, headerCells, size), scan) == null) {
                        try {
                            starts = RecordStarts.find(file, delimiter, headerCells, size);
                            scan.complete(starts);
                        } catch (RuntimeException e) {
                            scan.completeExceptionally(e);
                        }
                    }
                }
                ranges.addAll(ranges(file, starts, WARM_UP_RECORDS));
            }
        } catch (RuntimeException e) {
            log.debug("no early scan of the input: {}", e.getMessage());
        }
        return ranges;
    }

    /**
     * A part of the input that the warm-up reads as a run reads a partition: from a record start (byte {@code start},
     * the start of physical line {@code line}) to the first record that starts at or after byte {@code end}, or to
     * the end of the file when {@code end} is -1; at most {@code records} records of it.
     */
    record Range(Path file, long start, long line, long end, int records) {}

    /**
     * What the warm-up reads of a file cut at {@code starts}, about {@code records} records in all: the starts of its
     * first partitions, each part ending at a byte offset as a partition does, and the start of its last partition,
     * which a run reads to the end of the file; the whole file when it is not cut. The JIT compiles the reader for
     * what it has seen: when no reader of the warm-up had stopped at an end, nor read without one, the code compiled
     * after it had no way for either, and the first partition to end threw it away (JFR, 1M bench on PostgreSQL: the
     * reader's code and the evaluating loop's compiled again 0.7 s later, C1's slower code running meanwhile on the
     * three evaluating threads).
     */
    static List<Range> ranges(Path file, List<RecordStarts.Start> starts, int records) {
        if (starts.isEmpty()) {
            return List.of(new Range(file, 0, 1, -1, records));
        }
        RecordStarts.Start last = starts.get(starts.size() - 1);
        int count = Math.min(WARM_UP_RANGES, starts.size() + 1);
        int each = Math.max(1, records / count);
        // a part's end from the scan's bytes per line: about `each` records of one line each
        long bytes = Math.max(1, (long) ((double) last.offset() / Math.max(1, last.line() - 1) * each));
        List<Range> ranges = new ArrayList<>(count);
        for (int k = 0; k < count - 1; k++) {
            long start = k == 0 ? 0 : starts.get(k - 1).offset();
            long line = k == 0 ? 1 : starts.get(k - 1).line();
            ranges.add(new Range(file, start, line, Math.min(starts.get(k).offset(), start + bytes), 2 * each));
        }
        ranges.add(new Range(file, last.offset(), last.line(), -1, each));
        return ranges;
    }

    /** The warm-up reads the starts of this many of a cut file's partitions (or of as many as it has). */
    static final int WARM_UP_RANGES = 4;

    /**
     * Warms the JIT up for an input of at least {@code minBytes} while the application starts: the evaluating threads'
     * code (parsing a record, its metadata's JSON, a hundred filters) runs interpreted, then compiled without the
     * optimising compiler, for the first hundred thousand records or so. On the 1M bench the first three partitions
     * took 1.6 to 1.8 times as long as the next three, which started with that code compiled. The start leaves one
     * core partly idle: up to {@code maxRecords} records of the input are read there ({@code ranges}, one after the
     * other: see {@link #ranges}) and evaluated, and the results thrown away, until {@code stop} is set: when the run
     * starts evaluating ({@link #stopWarmUps}). Rows that the run would reject are skipped; anything else that goes
     * wrong ends the warm-up and is left for the run.
     *
     * @return the number of records read
     */
    static int warmUp(
            JobDefinition definition,
            List<Range> ranges,
            Instant asOf,
            long minBytes,
            int maxRecords,
            AtomicBoolean stop) {
        int records = 0;
        try {
            long bytes = ranges.stream()
                    .map(Range::file)
                    .distinct()
                    .mapToLong(file -> file.toFile().length())
                    .sum();
            if (bytes < minBytes || stop.get()) {
                return 0;
            }
            SegmentEvaluator evaluator =
                    new SegmentEvaluator(definition.filterSegments(), definition.evaluationContext(asOf), 0);
            for (Range range : ranges) {
                // made as a partition's reader is (EvaluatePartitionStep)
                ExportReader export = new ExportReader(
                        range.file(),
                        definition.format(),
                        definition.metadataTypes(),
                        definition.timezone(),
                        range.start(),
                        range.line(),
                        range.end());
                CustomerItemReader reader = new CustomerItemReader(export, new RunProgress().part(0, 0));
                try {
                    for (int read = 0;
                            read < range.records() && records < maxRecords && !stop.get();
                            read++, records++) {
                        try {
                            Customer customer = reader.read();
                            if (customer == null) {
                                break;
                            }
                            evaluator.evaluate(customer);
                        } catch (RejectedRowException e) {
                            // the run rejects it
                        }
                    }
                } finally {
                    reader.close();
                }
            }
        } catch (RuntimeException e) {
            log.debug("warm-up stopped: {}", e.getMessage());
        } finally {
            WARMING.remove(stop);
        }
        log.debug("warm-up: {} records evaluated before the run", records);
        return records;
    }

    /** A warm-up's stop flag, registered so that {@link #stopWarmUps} sets it; {@link #warmUp} removes it when done. */
    static AtomicBoolean warmUpStarting() {
        AtomicBoolean stop = new AtomicBoolean();
        WARMING.add(stop);
        return stop;
    }

    /** Stops the warm-ups going on: a run is starting to evaluate, and needs both cores. */
    static void stopWarmUps() {
        WARMING.forEach(stop -> stop.set(true));
    }

    /** The record starts where a file is cut: the early scan's when it scanned the same, else scanned now. */
    static List<RecordStarts.Start> starts(Path file, char delimiter, int headerCells, long partitionSize) {
        CompletableFuture<List<RecordStarts.Start>> early =
                SCANS.remove(Key.of(file, delimiter, headerCells, partitionSize));
        if (early != null) {
            try {
                return early.join();
            } catch (RuntimeException e) {
                // scanned again below: the error is the run's to report
            }
        }
        return RecordStarts.find(file, delimiter, headerCells, partitionSize);
    }
}
