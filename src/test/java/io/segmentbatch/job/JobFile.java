package io.segmentbatch.job;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job file built from a template of {@code src/test/resources/runs} as a JSON tree: fields are set by name, never
 * by replacing text, so a template whose text changes cannot leave a test silently running an unpatched job.
 * <pre>{@code JobFile.of("job-all.json").name("nightly").input(export).set("skip_limit", 1).writeTo(folder)}</pre>
 */
public final class JobFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode root;

    private JobFile(ObjectNode root) {
        this.root = root;
    }

    /** The template {@code runs/<template>}, which must be a JSON object with a {@code name} and an {@code input}. */
    public static JobFile of(String template) {
        try (InputStream in = JobFile.class.getResourceAsStream("/runs/" + template)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource runs/" + template);
            }
            JsonNode tree = JSON.readTree(in);
            if (!tree.isObject() || !tree.path("input").isObject() || !tree.has("name")) {
                throw new IllegalArgumentException(
                        "runs/" + template + " is not a job template with a name and an input object");
            }
            return new JobFile((ObjectNode) tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JobFile name(String name) {
        root.put("name", name);
        return this;
    }

    /** The job's {@code input.path}. */
    public JobFile input(Path input) {
        ((ObjectNode) root.get("input")).put("path", input.toString().replace("\\", "/"));
        return this;
    }

    /** Sets a top-level key to a string, number, boolean, JSON tree, or JSON null. */
    public JobFile set(String key, Object value) {
        if (value == null) {
            root.putNull(key);
        } else {
            root.set(key, JSON.valueToTree(value));
        }
        return this;
    }

    /** Sets a top-level key to a value given as JSON text (an object or array, e.g. a schedule or destinations). */
    public JobFile setJson(String key, String json) {
        root.set(key, JSON.readTree(json));
        return this;
    }

    public String name() {
        return root.get("name").asString();
    }

    /** Writes {@code <folder>/<name>.json} and returns its path. */
    public Path writeTo(Path folder) {
        Path target = folder.resolve(name() + ".json");
        try {
            Files.writeString(target, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
