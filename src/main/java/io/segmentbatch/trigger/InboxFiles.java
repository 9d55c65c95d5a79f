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
 * {@code failed/} with {@code <file>.error.txt}, or while its run is held {@code held/<run id>_<file>} with a
 * {@code .held.txt} note, until the run is approved or discarded). Files are moved, never deleted; a name already
 * taken in the target folder gets the run ID in front.
 */
final class InboxFiles {
    /** Final names only: {@code *.csv} or {@code *.csv.gz}, not hidden; {@code *.part}, {@code *.tmp} and dot-files wait. */
    static final Pattern TAKEN = Pattern.compile("^[^.].*\\.csv(\\.gz)?$", Pattern.CASE_INSENSITIVE);

    static final String PROCESSED = "processed";
    static final String FAILED = "failed";
    static final String HELD = "held";

    private InboxFiles() {}

    static Path prepare(Path inbox) {
        try {
            Files.createDirectories(inbox.resolve(PROCESSED));
            Files.createDirectories(inbox.resolve(FAILED));
            Files.createDirectories(inbox.resolve(HELD));
            return inbox.toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException("inbox " + inbox + " cannot be created: " + FileFailures.reason(e), e);
        }
    }

    static Path processed(Path file, String runId) {
        return move(file, PROCESSED, runId);
    }

    static Path failed(Path file, @Nullable String runId, String jobName, @Nullable String reason) {
        return failed(file, file, file.getFileName().toString(), runId, jobName, reason);
    }

    /** {@code shown}: the file's path as dropped (a held file is moved from {@code held/}, named by its run). */
    private static Path failed(
            Path file, Path shown, String name, @Nullable String runId, String jobName, @Nullable String reason) {
        Path target = target(inboxOf(file).resolve(FAILED), name, runId);
        String text = "job: " + jobName + "\nrun: " + (runId == null ? "(none: the run did not start)" : runId)
                + "\nfile: " + shown + "\nfailed_at: " + Instant.now() + "\nreason: " + reason + "\n";
        return moveWithNote(file, target, ".error.txt", text);
    }

    /**
     * A file whose run tripped a guard: kept in {@code held/} as {@code <run id>_<file>}, beside a note that says
     * how to settle it, until the run is approved ({@link #settled}) or discarded.
     */
    static Path held(Path file, String runId, String jobName, Path runFolder) {
        Path target = target(file.resolveSibling(HELD), heldName(file, runId), runId);
        return moveWithNote(
                file,
                target,
                ".held.txt",
                "job: " + jobName + "\nrun: " + runId + "\nfile: " + file + "\nheld_at: " + Instant.now()
                        + "\nreport: " + runFolder.resolve("report.html")
                        + "\nreason: the run tripped a guard of the job (its report says which); approve it"
                        + " (segment-batch approve " + runId + ", or POST /v1/jobs/" + jobName + "/runs/" + runId
                        + "/approve) to make it current, or discard it (segment-batch discard " + runId
                        + ", or POST …/discard)\n");
    }

    /**
     * The held run of the file that was {@code file} in the inbox was approved ({@code completed}: the file goes to
     * {@code processed/}) or discarded (to {@code failed/}, with its error file). Returns where it went, or null
     * when {@code held/} has no such file (it was not held there, or was moved by hand).
     */
    static @Nullable Path settled(Path file, String runId, String jobName, boolean completed) {
        Path held = file.resolveSibling(HELD).resolve(heldName(file, runId));
        if (!Files.isRegularFile(held)) {
            return null;
        }
        String name = file.getFileName().toString();
        Path target = completed
                ? move(held, file.resolveSibling(PROCESSED), name, runId)
                : failed(
                        held,
                        file,
                        name,
                        runId,
                        jobName,
                        "the run tripped a guard of the job and was discarded (by segment-batch discard or POST …/discard,"
                                + " or because a later run of the job completed or was approved)");
        try {
            Files.deleteIfExists(held.resolveSibling(held.getFileName() + ".held.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the note beside " + held, e);
        }
        return target;
    }

    /** A held file's name: the run's ID in front, which {@link #settled} finds it by. */
    private static String heldName(Path file, String runId) {
        return runId + "_" + file.getFileName();
    }

    /** The inbox a file is in: its folder, or for a file in {@code held/} that folder's parent. */
    private static Path inboxOf(Path file) {
        Path folder = java.util.Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's folder");
        Path parent = folder.getParent();
        return parent != null && String.valueOf(folder.getFileName()).equals(HELD) ? parent : folder;
    }

    /**
     * Moves {@code file} to {@code target} after writing its note (aside, then renamed, so that it is seen whole): the
     * note is in place first, so whoever sees the file (a person, or a test polling the folder) finds its note beside
     * it.
     */
    private static Path moveWithNote(Path file, Path target, String suffix, String text) {
        Path noteFile = target.resolveSibling(target.getFileName() + suffix);
        try {
            Path partial = target.resolveSibling("." + target.getFileName() + suffix + ".part");
            Files.writeString(partial, text);
            Files.move(partial, noteFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the note beside " + target, e);
        }
        try {
            return moveTo(file, target);
        } catch (UncheckedIOException e) {
            try {
                Files.deleteIfExists(noteFile);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static Path move(Path file, String folder, @Nullable String runId) {
        return move(file, file.resolveSibling(folder), file.getFileName().toString(), runId);
    }

    private static Path move(Path file, Path folder, String name, @Nullable String runId) {
        return moveTo(file, target(folder, name, runId));
    }

    /** Where a file named {@code name} goes in {@code folder}: that name, or the run ID in front when it is taken. */
    private static Path target(Path folder, String name, @Nullable String runId) {
        Path target = folder.resolve(name);
        if (Files.exists(target)) {
            target = target.resolveSibling(
                    (runId == null ? String.valueOf(System.currentTimeMillis()) : runId) + "_" + name);
        }
        return target;
    }

    private static Path moveTo(Path file, Path target) {
        try {
            return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " to " + target + ": " + FileFailures.reason(e), e);
        }
    }
}
