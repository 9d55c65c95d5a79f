package io.segmentbatch.job;

import io.segmentbatch.customer.ExportReader;
import io.segmentbatch.customer.RecordStarts;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a run's input into partitions that are read on their own, each described entirely by its step execution
 * context, so that it can be read on any thread or machine that sees the file at the same path: a file of the
 * input ({@value #FILE}, and {@value #FILE_NO}, its place in the run's file list), and for a large plain file a byte
 * range of it that starts exactly at a record start ({@value #START}, on physical line {@value #LINE}) and ends
 * before {@value #END} (-1: the end of the file). Gzipped files are read whole.
 */
class ExportPartitioner implements Partitioner {
    static final String FILE = "partition.file";
    static final String FILE_NO = "partition.file-no";
    static final String START = "partition.start";
    static final String LINE = "partition.line";
    static final String END = "partition.end";

    private final RunContext run;
    private final long partitionSize;
    private final boolean absolutePaths;

    ExportPartitioner(RunContext run, long partitionSize) {
        this(run, partitionSize, false);
    }

    private ExportPartitioner(RunContext run, long partitionSize, boolean absolutePaths) {
        this.run = run;
        this.partitionSize = partitionSize;
        this.absolutePaths = absolutePaths;
    }

    /**
     * The same partitions, naming their files by absolute path: for workers, whose working folder is not the
     * manager's (rejects then name the file by that path too).
     */
    ExportPartitioner withAbsolutePaths() {
        return new ExportPartitioner(run, partitionSize, true);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        EarlyScan.stopWarmUps();
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        List<Path> files = run.inputFiles();
        JobDefinition definition = run.definition();
        ExportReader export =
                new ExportReader(files, definition.format(), definition.metadataTypes(), definition.timezone());
        export.checkHeaders();
        char delimiter = definition.format().delimiter();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            List<RecordStarts.Start> starts = splittable(file, partitionSize, delimiter)
                    ? EarlyScan.starts(
                            file,
                            delimiter,
                            export.headerSize(file),
                            balanced(file.toFile().length(), partitionSize, gridSize))
                    : List.of();
            long start = 0;
            long line = 1;
            for (int k = 0; k <= starts.size(); k++) {
                long end = k < starts.size() ? starts.get(k).offset() : -1;
                ExecutionContext context = new ExecutionContext();
                context.putString(FILE, (absolutePaths ? file.toAbsolutePath().normalize() : file).toString());
                context.putInt(FILE_NO, i);
                context.putLong(START, start);
                context.putLong(LINE, line);
                context.putLong(END, end);
                partitions.put(String.format("file%04d-part%04d", i, k), context);
                if (k < starts.size()) {
                    start = starts.get(k).offset();
                    line = starts.get(k).line();
                }
            }
        }
        return partitions;
    }

    /**
     * The partition size for a file of {@code length} bytes: at most the configured size, and such that the number
     * of partitions is a multiple of the threads that read them, so that no thread reads the last partition alone
     * while the others wait (a 295 MB file in 64 MB parts made 5 partitions on 2 threads: the fifth ran alone).
     */
    static long balanced(long length, long partitionSize, int gridSize) {
        long count = (length + partitionSize - 1) / partitionSize;
        int threads = Math.max(1, gridSize);
        long rounded = (count + threads - 1) / threads * threads;
        return Math.max(1, (length + rounded - 1) / rounded);
    }

    /** The bytes of input a partition's context names (none for a context that is not a partition's). */
    static long bytes(ExecutionContext partition) {
        if (!partition.containsKey(FILE)) {
            return 0;
        }
        long end = partition.getLong(END);
        return (end >= 0 ? end : Path.of(partition.getString(FILE)).toFile().length()) - partition.getLong(START);
    }

    /** Whether the file is cut into byte ranges: a plain file of two partitions or more, with an ASCII delimiter. */
    static boolean splittable(Path file, long partitionSize, char delimiter) {
        return !ExportReader.gzipped(file) && file.toFile().length() >= 2 * partitionSize && delimiter < 0x80;
    }
}
