package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RecordStarts;
import io.segmentbatch.store.Dialect;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Cutting a run's input into partitions, started before the run: a one-shot command knows its job and input before
 * the application starts, and scanning the file for record starts (0.5 s of one core for the 1M bench's 516 MB,
 * while the other core waited) then overlaps the 2 s of start-up, which leaves a core partly idle. The partitioner
 * takes a scan made here only for the same file (path, size and modification time), delimiter, header and
 * partition size, and waits for it when it is still going; otherwise it scans as before. Anything that goes wrong
 * here (no such file, a bad header) is left for the run to report.
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

    private EarlyScan() {}

    /**
     * Starts scanning, on a daemon thread, the files a local run of {@code definition} will read ({@code input}, else
     * the job's {@code input.path}), cut as the application's {@code settings} say (partition size and threads). A
     * remote manager does not scan early: it cuts for workers whose threads it does not know. Settings that cannot be
     * read are left for the application to report. The future completes when the scan is over (or given up).
     */
    public static CompletableFuture<Void> start(
            JobDefinition definition, @Nullable String input, Environment settings) {
        long partitionSize;
        int threads;
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
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(null);
        }
        return start(definition, input, partitionSize, threads);
    }

    /** As {@link #start(JobDefinition, String, Environment)}, for partitions of {@code partitionSize} on {@code threads}. */
    static CompletableFuture<Void> start(
            JobDefinition definition, @Nullable String input, long partitionSize, int threads) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        scan(definition, input, partitionSize, threads);
                    } finally {
                        done.complete(null);
                    }
                },
                "early-scan");
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static void scan(JobDefinition definition, @Nullable String input, long partitionSize, int threads) {
        try {
            List<Path> files = InputFiles.resolve(input != null ? input : definition.inputPath());
            ExportReader export = new ExportReader(
                    files, definition.format(), definition.metadataSchema()::typeOf, definition.timezone());
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
