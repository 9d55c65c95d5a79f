package io.segmentbatch.job;

import io.segmentbatch.customer.FileFailures;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/** Resolves a run's input: one file, or a glob of files (sorted by name) read as one export. */
final class InputFiles {
    private InputFiles() {}

    static List<Path> resolve(@Nullable String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidRunRequestException("no input: give --input or set input.path in the job file");
        }
        int firstGlob = indexOfGlob(pattern);
        if (firstGlob < 0) {
            Path file = Path.of(pattern);
            if (Files.isDirectory(file)) {
                throw new InvalidRunRequestException("input " + pattern + ": a folder, not a file (to read every export"
                        + " in it, give a glob such as " + file.resolve("*.csv") + ")");
            }
            if (!Files.isRegularFile(file)) {
                throw new InvalidRunRequestException("input " + pattern + ": no such file");
            }
            return List.of(file);
        }
        int slash = pattern.lastIndexOf('/', firstGlob);
        Path base = Path.of(slash < 0 ? "." : pattern.substring(0, Math.max(slash, 1)));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(base)) {
            throw new InvalidRunRequestException(
                    "input " + pattern + ": no file matches (the folder " + base + " does not exist)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(base)) {
            files = walk.filter(Files::isRegularFile)
                    .map(path -> slash < 0 ? base.relativize(path) : path)
                    .filter(matcher::matches)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            // the pattern in the message: a scheduled run's warning names nothing else
            throw new UncheckedIOException(
                    "input " + pattern + ": cannot list the folder " + base + " (" + FileFailures.reason(e) + ")", e);
        }
        if (files.isEmpty()) {
            throw new InvalidRunRequestException("input " + pattern + ": no file matches");
        }
        return files;
    }

    private static int indexOfGlob(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
