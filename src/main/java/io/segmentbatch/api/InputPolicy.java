package io.segmentbatch.api;

import io.segmentbatch.job.JobDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an {@code input} given over HTTP may point: one file inside the job's input folder (the folder of its
 * {@code input.path}) or its inbox. Relative paths are relative to the working directory, as in job files.
 * {@code ../} tricks, symbolic links out, globs and absolute paths elsewhere are refused.
 */
final class InputPolicy {
    private InputPolicy() {}

    static String resolve(JobDefinition job, String input) {
        List<Path> roots = roots(job);
        if (roots.isEmpty()) {
            throw ApiException.badRequest(
                    "input_not_allowed",
                    "Job " + job.name() + " has neither input.path nor inbox, so no input may be given over HTTP.");
        }
        if (input.isBlank() || input.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0)) {
            throw ApiException.badRequest("invalid_input", "input must name one file, not a glob: '" + input + "'");
        }
        Path file;
        try {
            file = Path.of(input).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("invalid_input", "input is not a valid path: " + e.getMessage());
        }
        Path real = realPath(file);
        for (Path root : roots) {
            if (file.startsWith(root) && !file.equals(root) && real.startsWith(realPath(root))) {
                return file.toString();
            }
        }
        throw ApiException.badRequest(
                "input_not_allowed",
                "input '" + input + "' lies outside the folders job " + job.name() + " reads from: " + roots);
    }

    /** The job's input folder and inbox, absolute. */
    static List<Path> roots(JobDefinition job) {
        List<Path> roots = new ArrayList<>();
        if (job.inputPath() != null && !job.inputPath().isBlank()) {
            String pattern = job.inputPath();
            int glob = firstGlob(pattern);
            String fixed = glob < 0 ? pattern : pattern.substring(0, glob);
            int slash = fixed.lastIndexOf('/');
            // a file's folder; the root has none and is its own folder
            Path folder = glob < 0
                    ? java.util.Objects.requireNonNullElse(
                            Path.of(pattern).toAbsolutePath().getParent(),
                            Path.of(pattern).toAbsolutePath())
                    : Path.of(slash < 0 ? "." : fixed.substring(0, Math.max(slash, 1)));
            roots.add(folder.toAbsolutePath().normalize());
        }
        if (job.inbox() != null) {
            roots.add(Path.of(job.inbox()).toAbsolutePath().normalize());
        }
        return roots;
    }

    private static int firstGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The path with symbolic links resolved as far as it exists. */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException e) {
            return path;
        }
    }
}
