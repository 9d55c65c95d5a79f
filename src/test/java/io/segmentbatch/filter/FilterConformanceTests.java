package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The filter language as specified by the fixture files in {@code src/test/resources/filter/}: rows of
 * (filter, customer, run date, expected result), whose expected results were worked out from the filter language
 * as {@code jobs/README.md} describes it.
 */
class FilterConformanceTests {

    static final String DEFAULT_AS_OF = "2024-03-15T10:00:00Z";
    private static final Set<String> ROW_KEYS =
            Set.of("name", "filter", "customer", "as_of", "timezone", "week_starts_on", "metadata_schema", "expected");

    /** One test case per row, named by its file, index and name, so that a failure says which row. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aFixtureRowGivesItsExpectedResult(Fixture row) {
        String failure = check(row);
        if (failure != null) {
            fail(row + ": " + failure);
        }
    }

    @Test
    void fixturesTryEveryOperatorAtLeastThreeTimesAndOnAMissingValue() {
        Map<Operator, Integer> uses = new EnumMap<>(Operator.class);
        Set<Operator> triedOnMissing = EnumSet.noneOf(Operator.class);
        for (Fixture row : rows()) {
            MetadataSchema schema = MetadataSchema.parse(row.json().get("metadata_schema"), "$", new ArrayList<>());
            Set<Operator> inRow = EnumSet.noneOf(Operator.class);
            forEachCondition(row.json().get("filter"), (field, operator) -> {
                inRow.add(operator);
                String canonical =
                        Fields.resolve(field, schema).map(FieldRef::path).orElse(field);
                JsonNode value = row.json().get("customer").get(canonical);
                if (value == null
                        || value.isNull()
                        || (value.isString() && value.stringValue().isEmpty())
                        || (value.isArray() && value.isEmpty())) {
                    triedOnMissing.add(operator);
                }
            });
            inRow.forEach(operator -> uses.merge(operator, 1, Integer::sum));
        }
        for (Operator operator : Operator.values()) {
            assertThat(uses.getOrDefault(operator, 0))
                    .as("rows using %s", operator)
                    .isGreaterThanOrEqualTo(3);
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(triedOnMissing)))
                .as("operators never tried on a missing value")
                .isEmpty();
    }

    private static String check(Fixture row) {
        JsonNode json = row.json();
        for (String key : json.propertyNames()) {
            if (!ROW_KEYS.contains(key)) {
                return "unknown row key \"" + key + "\"";
            }
        }
        if (json.get("expected") == null || !json.get("expected").isBoolean() || json.get("customer") == null) {
            return "a row needs \"customer\" and a boolean \"expected\"";
        }
        List<FilterError> errors = new ArrayList<>();
        MetadataSchema schema = MetadataSchema.parse(json.get("metadata_schema"), "$.metadata_schema", errors);
        ParsedFilter filter = new FilterParser(schema).parse(json.get("filter"), "$.filter", errors);
        if (!errors.isEmpty() || filter == null) {
            return "did not load: " + errors;
        }
        boolean actual = filter.compile(new JsonCustomers(), context(json)).matches(json.get("customer"));
        boolean expected = json.get("expected").booleanValue();
        return actual == expected ? null : "expected " + expected + ", got " + actual;
    }

    static EvaluationContext context(JsonNode row) {
        Instant asOf = Instant.parse(text(row, "as_of", DEFAULT_AS_OF));
        ZoneId zone = ZoneId.of(text(row, "timezone", "UTC"));
        DayOfWeek weekStartsOn =
                DayOfWeek.valueOf(text(row, "week_starts_on", "monday").toUpperCase(Locale.ROOT));
        return new EvaluationContext(asOf, zone, weekStartsOn);
    }

    private static String text(JsonNode row, String key, String fallback) {
        JsonNode value = row.get(key);
        return value == null ? fallback : value.stringValue();
    }

    /** Calls {@code action} with (field path, operator) for every condition of a filter, nested groups included. */
    static void forEachCondition(JsonNode filter, java.util.function.BiConsumer<String, Operator> action) {
        for (Map.Entry<String, JsonNode> entry : filter.properties()) {
            if (entry.getKey().equals("filters")) {
                entry.getValue().forEach(nested -> forEachCondition(nested, action));
            } else if (!entry.getKey().equals("junction")) {
                entry.getValue()
                        .get("conditions")
                        .propertyNames()
                        .forEach(key -> action.accept(
                                entry.getKey(), Operator.byKey(key).orElseThrow()));
            }
        }
    }

    static List<Fixture> rows() {
        List<Fixture> rows = new ArrayList<>();
        for (Path file : fixtureFiles()) {
            JsonNode array = JsonCustomers.JSON.readTree(file);
            for (int i = 0; i < array.size(); i++) {
                rows.add(new Fixture(file.getFileName().toString(), i, array.get(i)));
            }
        }
        return rows;
    }

    private static List<Path> fixtureFiles() {
        try (Stream<Path> files = Files.list(
                Path.of(FilterConformanceTests.class.getResource("/filter").toURI()))) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .filter(file -> !file.getFileName().toString().equals("errors.json"))
                    .sorted()
                    .toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the filter fixtures", e);
        }
    }

    /** One row of a fixture file. */
    record Fixture(String file, int index, JsonNode json) {
        @Override
        public String toString() {
            JsonNode name = json.get("name");
            return file + " #" + index + " \"" + (name == null ? "?" : name.asString()) + "\"";
        }
    }
}
