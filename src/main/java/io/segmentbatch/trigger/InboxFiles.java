package io.segmentbatch.trigger;

import io.segmentbatch.customer.FileFailures;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An inbox folder: which files it takes, and where a file goes after its run ({@code processed/}, or
 * {@code failed/} with {@code <file>.error.txt}). Files are moved, never deleted; a name already taken in the
 * target folder gets the run ID in front.
 */
final class InboxFiles {
    /** Final names only: {@code *.csv} or {@code *.csv.gz}, not hidden; {@code *.part}, {@code *.tmp} and dot-files wait. */
    static final Pattern TAKEN = Pattern.compile("^[^.].*\\.csv(\\.gz)?$", Pattern.CASE_INSENSITIVE);

    static final String PROCESSED = "processed";
    static final String FAILED = "failed";

    private InboxFiles() {}

    static Path prepare(Path inbox) {
        try {
            Files.createDirectories(inbox.resolve(PROCESSED));
            Files.createDirectories(inbox.resolve(FAILED));
            return inbox.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("inbox " + inbox + " cannot be created: " + FileFailures.reason(e), e);
        }
    }

    static Path processed(Path file, String runId) {
        return move(file, PROCESSED, runId);
    }

    static Path failed(Path file, @Nullable String runId, String jobName, @Nullable String reason) {
        Path target = move(file, FAILED, runId);
        String text = "job: " + jobName + "\nrun: " + (runId == null ? "(none: the run did not start)" : runId)
                + "\nfile: " + file + "\nfailed_at: " + Instant.now() + "\nreason: " + reason + "\n";
        try {
            // written aside and renamed, so that whoever sees the file sees it whole
            Path errorFile = target.resolveSibling(target.getFileName() + ".error.txt");
            Path partial = target.resolveSibling("." + target.getFileName() + ".error.txt.part");
            Files.writeString(partial, text);
            Files.move(
                    partial,
                    errorFile,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the error file beside " + target, e);
        }
        return target;
    }

    private static Path move(Path file, String folder, @Nullable String runId) {
        Path target = file.resolveSibling(folder).resolve(file.getFileName());
        if (Files.exists(target)) {
            target = target.resolveSibling(
                    (runId == null ? String.valueOf(System.currentTimeMillis()) : runId) + "_" + file.getFileName());
        }
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + target + ": " + FileFailures.reason(e), e);
        }
    }
}
