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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cutting a run's input into partitions, started before the run: a one-shot command knows its job and input before
 * the application starts, and scanning the file for record starts (0.4 to 0.5 s of one core for the 1M bench's
 * 295 MB, while the other core waited) then overlaps the 2 s of start-up, which leaves a core partly idle. The
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
        long partitionSize;
        int threads;
        boolean warmUp;
        try {
            if (settings.getProperty(RemotePartitioning.ENABLED, Boolean.class, false)) {
                return CompletableFuture.completedFuture(null);
            }
            partitionSize = DataSize.parse(
                            settings.getProperty("segment-batch.partition-size", RunLauncher.DEFAULT_PARTITION_SIZE))
                    .toBytes();
            threads = SegmentationJobConfig.partitionThreads(
                    settings.getProperty("segment-batch.partition-threads", Integer.class, 0),
                    Dialect.ofUrl(settings.getProperty("spring.datasource.url")));
            warmUp = settings.getProperty("segment-batch.warm-up", Boolean.class, true);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
        return start(definition, input, partitionSize, threads, warmUp ? warmUpAsOf : null);
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
                    List<Path> files = List.of();
                    try {
                        files = scan(definition, input, partitionSize, threads);
                    } finally {
                        done.complete(null);
                    }
                    if (warmUpAsOf != null) {
                        warmUp(definition, files, warmUpAsOf, WARM_UP_MIN_BYTES, WARM_UP_RECORDS, stop);
                    }
                },
                "early-scan");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    /** Scans the input's files for record starts; returns them (none when they cannot be resolved). */
    private static List<Path> scan(JobDefinition definition, @Nullable String input, long partitionSize, int threads) {
        List<Path> files = List.of();
        try {
            files = InputFiles.resolve(input != null ? input : definition.inputPath());
            ExportReader export =
                    new ExportReader(files, definition.format(), definition.metadataTypes(), definition.timezone());
            char delimiter = definition.format().delimiter();
            for (Path file : files) {
                if (!ExportPartitioner.splittable(file, partitionSize, delimiter)) {
                    continue;
                }
                int headerCells = export.headerSize(file);
                long size = ExportPartitioner.balanced(file.toFile().length(), partitionSize, threads);
                CompletableFuture<List<RecordStarts.Start>> scan = new CompletableFuture<>();
                if (SCANS.putIfAbsent(Key.of(file, delimiter, headerCells, size), scan) != null) {
                    continue;
                }
                try {
                    scan.complete(RecordStarts.find(file, delimiter, headerCells, size));
                } catch (RuntimeException e) {
                    scan.completeExceptionally(e);
                }
            }
        } catch (RuntimeException e) {
            log.debug("no early scan of the input: {}", e.getMessage());
        }
        return files;
    }

    /**
     * Warms the JIT up for an input of at least {@code minBytes} while the application starts: the evaluating threads'
     * code (parsing a record, its metadata's JSON, a hundred filters) runs interpreted, then compiled without the
     * optimising compiler, for the first hundred thousand records or so. On the 1M bench the first three partitions
     * took 1.6 to 1.8 times as long as the next three, which started with that code compiled. The start leaves one
     * core partly idle: up to {@code maxRecords} records of the input are read and evaluated there, and the results
     * thrown away, until {@code stop} is set: when the run starts evaluating ({@link #stopWarmUps}). Rows that the
     * run would reject are skipped; anything else that goes wrong ends the warm-up and is left for the run.
     *
     * @return the number of records read
     */
    static int warmUp(
            JobDefinition definition,
            List<Path> files,
            Instant asOf,
            long minBytes,
            int maxRecords,
            AtomicBoolean stop) {
        int records = 0;
        try {
            long bytes = 0;
            for (Path file : files) {
                bytes += file.toFile().length();
            }
            if (bytes < minBytes || stop.get()) {
                return 0;
            }
            SegmentEvaluator evaluator =
                    new SegmentEvaluator(definition.filterSegments(), definition.evaluationContext(asOf), 0);
            try (ExportReader reader =
                    new ExportReader(files, definition.format(), definition.metadataTypes(), definition.timezone())) {
                for (; records < maxRecords && !stop.get(); records++) {
                    try {
                        Customer customer = reader.next();
                        if (customer == null) {
                            break;
                        }
                        evaluator.evaluate(customer);
                    } catch (RejectedRowException e) {
                        // the run rejects it
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
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
