package io.segmentbatch.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;

/** Writes a run folder's {@code report.json}, {@code report.html} and {@code rejects.csv}. */
public final class ReportFiles {
    public static final String REPORT = "report.json";
    public static final String PAGE = "report.html";
    public static final String REJECTS = "rejects.csv";
    public static final String EVENTS = "events.ndjson";
    /** The run's folder of static segment files. */
    public static final String SEGMENTS = "segments";

    private ReportFiles() {}

    /** Writes the report through a temporary file and a rename, so that a reader never sees half a report. */
    public static Path writeReport(Path runFolder, JobReport report) {
        return writeWhole(runFolder, REPORT, ReportJson.PRETTY.writeValueAsString(report) + "\n");
    }

    /** Writes {@code report.html} (see {@link ReportPage}) the same way. */
    public static Path writePage(Path runFolder, String html) {
        return writeWhole(runFolder, PAGE, html);
    }

    /**
     * Each write goes through a temporary file of its own: two writers of one run's page at once (the run's end and
     * a delivery's rewrite, or two processes delivering) shared {@code report.html.tmp}, and one could move the
     * other's half-written file into place.
     */
    private static Path writeWhole(Path runFolder, String name, String text) {
        Path target = runFolder.resolve(name);
        Path temporary = null;
        try {
            Files.createDirectories(runFolder);
            // a name of its own, created as every other output is (Files.createTempFile makes it readable by its
            // owner only, and report.json and report.html were the run's only files others could not read)
            temporary = runFolder.resolve(name + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(
                    temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the write's own failure is the one to report
                }
            }
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** Deletes the run's static segment files and their folder, if any. */
    public static void deleteSegmentFiles(Path runFolder) {
        Path folder = runFolder.resolve(SEGMENTS);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the static segment files in " + folder, e);
        }
    }

    /** Writes {@code rejects.csv}: header {@code file,line,reason,raw}, then the rows the callback gives. */
    public static void writeRejects(Path runFolder, Consumer<Consumer<String[]>> rows) {
        Path target = runFolder.resolve(REJECTS);
        try {
            Files.createDirectories(runFolder);
            try (ICSVWriter writer = new CSVWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8))) {
                writer.writeNext(new String[] {"file", "line", "reason", "raw"}, false);
                rows.accept(row -> writer.writeNext(row, false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static JobReport readReport(@Nullable String json) {
        if (json == null) {
            throw new IllegalStateException("the run has no report yet");
        }
        return ReportJson.MAPPER.readValue(json, JobReport.class);
    }
}
