package io.segmentbatch.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFilesTests {
    @TempDir
    Path runFolder;

    /**
     * A run's page written by two threads at once (the run's end and a delivery's rewrite): each write lands whole,
     * and no temporary file stays behind.
     */
    @Test
    void pagesWrittenAtOnceEachLandWhole() throws Exception {
        String a = "<html>" + "a".repeat(200_000) + "</html>";
        String b = "<html>" + "b".repeat(300_000) + "</html>";
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String page = i % 2 == 0 ? a : b;
                writes.add(threads.submit(() -> ReportFiles.writePage(runFolder, page)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(Files.readString(runFolder.resolve(ReportFiles.PAGE))).isIn(a, b);
        try (var files = Files.list(runFolder)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(ReportFiles.PAGE);
        }
    }

    /** The page may be read by whoever may read the run's other files (a web server, a monitoring user). */
    @Test
    void thePageHasThePermissionsOfTheRunsOtherFiles() throws Exception {
        Path other = Files.writeString(runFolder.resolve(ReportFiles.REJECTS), "file,line,reason,raw\n");
        Path page = ReportFiles.writePage(runFolder, "<html></html>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(page)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(other)));
    }
}
