package io.segmentbatch.api;

import io.segmentbatch.ServeFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's REST examples, copied as written, against {@code segment-batch serve --jobs jobs} (the
 * repository's own job files): every request that names no placeholder ID must succeed. A README example that
 * answers 400 on copy-paste fails here.
 */
class ReadmeExamplesIntegrationTests {
    /**
     * IDs the README shows as examples of what a call returned, or elided ({@code evcus_…}: an event ID); a request
     * naming one, in its path or its body, cannot work as written.
     */
    private static final List<String> PLACEHOLDERS =
            List.of("seg_vC8iOSCqUG02EsPzsHynLv8i", "run_20261128T023000_Ab12Cd34", "evcus_…");

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("'?localhost:8080(/[^\\s']*)'?");
    private static final Pattern METHOD = Pattern.compile("-X (GET|POST|DELETE|PUT)");
    private static final Pattern BODY = Pattern.compile("-d '([^']*)'", Pattern.DOTALL);

    @TempDir
    Path folder;

    record Example(String method, String path, String body, String text) {}

    @Test
    void everyRestExampleOfTheReadmeWorksAsWritten() throws IOException {
        List<Example> examples = examples(Files.readString(Path.of("README.md")));
        assertThat(examples).as("the README's curl examples").hasSizeGreaterThan(8);
        assertThat(examples)
                .anySatisfy(example -> assertThat(example.body()).contains("\"type\": \"auto-update\"", "\"job\""));

        try (ConfigurableApplicationContext service =
                ServeFixtures.serve(Path.of("jobs"), folder.resolve("out"), ServeFixtures.h2Url("readme"))) {
            int port = ServeFixtures.port(service);
            for (Example example : examples) {
                if (PLACEHOLDERS.stream()
                        .anyMatch(id -> example.path().contains(id)
                                || (example.body() != null && example.body().contains(id)))) {
                    continue;
                }
                ServeFixtures.Response response =
                        ServeFixtures.call(port, example.method(), example.path(), example.body());
                assertThat(response.status())
                        .as(example.text() + "\n→ " + response.raw().body())
                        .isBetween(200, 299);
            }
        }
    }

    /** Each curl command of the README's bash blocks: its method, path and body, line continuations joined. */
    static List<Example> examples(String readme) {
        List<Example> examples = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(readme);
        while (block.find()) {
            String joined = block.group(1).replaceAll("\\\\\\n\\s*", " ");
            StringBuilder command = new StringBuilder();
            boolean inQuote = false;
            for (String line : joined.split("\\n")) {
                if (!inQuote && line.strip().startsWith("#")) {
                    continue;
                }
                command.append(command.isEmpty() ? "" : "\n").append(line);
                inQuote = line.chars().filter(c -> c == '\'').count() % 2 == 1 ? !inQuote : inQuote;
                if (!inQuote) {
                    add(command.toString(), examples);
                    command.setLength(0);
                }
            }
        }
        return examples;
    }

    private static void add(String command, List<Example> examples) {
        if (!command.strip().startsWith("curl")) {
            return;
        }
        Matcher url = URL.matcher(command);
        if (!url.find()) {
            return;
        }
        Matcher method = METHOD.matcher(command);
        Matcher body = BODY.matcher(command);
        examples.add(new Example(
                method.find() ? method.group(1) : "GET",
                url.group(1),
                body.find() ? body.group(1) : null,
                command.strip()));
    }
}
