package io.segmentbatch.job;

import com.opencsv.CSVReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Job files and exports for run tests, copied from {@code src/test/resources/runs} into a temporary folder. */
public final class RunFixtures {
    private RunFixtures() {}

    /** A job name no other test uses, so tests can share a database. */
    public static String uniqueJobName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Copies a resource into {@code folder} and returns its path. */
    public static Path copy(String resource, Path folder) {
        try (InputStream in = RunFixtures.class.getResourceAsStream("/runs/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource runs/" + resource);
            }
            Path target = folder.resolve(resource);
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a job file from a template, with its name and input path filled in ({@link JobFile} sets more). */
    public static Path job(String template, String jobName, Path input, Path folder) {
        return JobFile.of(template).name(jobName).input(input).writeTo(folder);
    }

    public static JsonNode json(Path file) {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a CSV file, header included. */
    public static List<String[]> csv(Path file) {
        try (Reader reader = Files.newBufferedReader(file);
                CSVReader csv = new CSVReader(reader)) {
            return new ArrayList<>(csv.readAll());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
