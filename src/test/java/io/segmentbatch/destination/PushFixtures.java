package io.segmentbatch.destination;

import io.segmentbatch.ServeFixtures;
import io.segmentbatch.job.JobFile;
import io.segmentbatch.job.RunFixtures;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Job files with destinations, inputs, and what a run's report and the remote service say about a push. */
final class PushFixtures {
    static final String APP_ID_ENV = "SBT_REMOTE_APP_ID";
    static final String APP_TOKEN_ENV = "SBT_REMOTE_APP_TOKEN";

    private PushFixtures() {}

    /** Credentials are looked up in Spring's environment, which includes system properties. */
    static void credentials() {
        System.setProperty(APP_ID_ENV, ServeFixtures.APP_ID);
        System.setProperty(APP_TOKEN_ENV, ServeFixtures.APP_TOKEN);
    }

    static String voucherify(String apiUrl, String extra) {
        return "{\"type\": \"voucherify\", \"api_url\": \"" + apiUrl + "\", \"app_id_env\": \"" + APP_ID_ENV
                + "\", \"app_token_env\": \"" + APP_TOKEN_ENV + "\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    /** A job of four segments cut in static segments of two, with these destinations. */
    static Path job(String name, Path input, Path folder, String... destinations) {
        // the pushes replace members wholesale on purpose: no guard holds those runs
        return JobFile.of("job-segments.json")
                .name(name)
                .input(input)
                .set("guards", null)
                .setJson("destinations", "[" + String.join(", ", destinations) + "]")
                .writeTo(folder);
    }

    /** customers-1.csv, with some lines replaced. */
    static Path input(Path folder, String name, String... replacements) {
        Path source = RunFixtures.copy("customers-1.csv", folder);
        try {
            String text = Files.readString(source);
            for (int i = 0; i + 1 < replacements.length; i += 2) {
                if (!text.contains(replacements[i])) {
                    // a fixture that changed must fail the test, not run it on the unchanged export
                    throw new IllegalArgumentException(
                            "customers-1.csv has no text \"" + replacements[i] + "\" to replace");
                }
                text = text.replace(replacements[i], replacements[i + 1]);
            }
            Path target = folder.resolve(name);
            Files.writeString(target, text);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Static segment name → remote ID, from the report's destinations section (first destination). */
    static Map<String, String> remoteIds(JsonNode report) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode segment : report.at("/destinations/0/segments")) {
            for (JsonNode part : segment.get("static_segments")) {
                ids.put(part.get("name").asString(), part.path("remote_id").asString(null));
            }
        }
        return ids;
    }

    /** Static segment name → its members, from the run folder. */
    static Map<String, List<String>> members(Path runFolder, JsonNode report) {
        Map<String, List<String>> members = new HashMap<>();
        for (JsonNode segment : report.get("segments")) {
            if (segment.has("static_segments")) {
                for (JsonNode chunk : segment.get("static_segments")) {
                    members.put(
                            chunk.at("/segment/name").asString(),
                            ids(runFolder.resolve(chunk.get("file").asString())));
                }
            } else if (segment.hasNonNull("file")) {
                // a job's own static segment: one static segment, its own file
                members.put(
                        segment.at("/segment/name").asString(),
                        ids(runFolder.resolve(segment.get("file").asString())));
            }
        }
        return members;
    }

    /** The members of a member file ({@code id,source_id}): the id, or the source_id of a customer without one. */
    private static List<String> ids(Path file) {
        List<String> ids = new ArrayList<>();
        List<String> lines = RunFixtures.lines(file);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            ids.add(cells[0].isEmpty() ? cells[1] : cells[0]);
        }
        return ids;
    }

    /** Every static segment of the remote service: ID → name. */
    static Map<String, String> remoteStaticSegments(int port) {
        Map<String, String> segments = new HashMap<>();
        for (int page = 1; ; page++) {
            JsonNode body = ServeFixtures.call(
                            port, "GET", "/v1/segments?limit=100&order=created_at&page=" + page, null)
                    .body();
            for (JsonNode segment : body.get("data")) {
                if ("static".equals(segment.get("type").asString())) {
                    segments.put(
                            segment.get("id").asString(), segment.get("name").asString());
                }
            }
            if (body.get("data").size() < 100) {
                return segments;
            }
        }
    }

    /** A remote segment's members, as the remote service lists them. */
    static List<String> remoteMembers(int port, String id) {
        List<String> members = new ArrayList<>();
        JsonNode body = ServeFixtures.call(port, "GET", "/v1/customers?segment_id=" + id + "&limit=100", null)
                .body();
        body.get("customers")
                .forEach(customer -> members.add(
                        customer.path("id").isString()
                                ? customer.get("id").asString()
                                : customer.get("source_id").asString()));
        return members;
    }

    /** A served jobs folder for the remote service (a job it never runs). */
    static Path remoteJobs(Path folder) {
        try {
            Path jobs = Files.createDirectories(folder.resolve("remote-jobs"));
            RunFixtures.job("job-all.json", RunFixtures.uniqueJobName("remote"), folder.resolve("none.csv"), jobs);
            return jobs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
