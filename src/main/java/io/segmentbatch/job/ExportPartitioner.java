package io.segmentbatch.job;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a run's input into partitions that can be read on their own, each described entirely by its step
 * execution context: a whole file of the input ({@value #FILE}, {@value #FILE_NO}: its place in the run's file list).
 */
class ExportPartitioner implements Partitioner {
    static final String FILE = "partition.file";
    static final String FILE_NO = "partition.file-no";

    private final List<Path> files;

    ExportPartitioner(List<Path> files) {
        this.files = files;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            context.putString(FILE, files.get(i).toString());
            context.putInt(FILE_NO, i);
            partitions.put(String.format("file%04d", i), context);
        }
        return partitions;
    }
}
