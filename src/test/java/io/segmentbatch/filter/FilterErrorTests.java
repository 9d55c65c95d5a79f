package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of mistake in a definition is reported at load time with the JSON path of the offending key
 * and what was expected ({@code src/test/resources/filter/errors.json}), and all of them together.
 */
class FilterErrorTests {

    /** One test case per row of {@code errors.json}, named by its index and name. */
    @ParameterizedTest(name = "errors.json: {0}")
    @MethodSource("errorRows")
    void anErrorFixtureIsReportedAtItsPathWithItsMessage(String name, JsonNode row) {
        List<FilterError> errors = new ArrayList<>();
        ParsedFilter parsed = load(row.get("filter"), row.get("metadata_schema"), errors);
        String path = row.get("path").stringValue();
        String message = row.get("message").stringValue();

        assertThat(errors).as(name).anySatisfy(error -> {
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.message()).contains(message);
        });
        if (!path.startsWith("$.metadata_schema")) {
            assertThat(parsed)
                    .as(name + ": a filter with an error is not loaded")
                    .isNull();
        }
    }

    static Stream<Arguments> errorRows() {
        JsonNode rows = JsonCustomers.JSON.readTree(FilterErrorTests.class.getResourceAsStream("/filter/errors.json"));
        return rows.valueStream().map(row -> Arguments.of(row.get("name").stringValue(), row));
    }

    @Test
    void aNumberOfAThousandDigitsWrittenOutIsATextValue() {
        List<FilterError> errors = new ArrayList<>();
        ParsedFilter parsed = load(
                JsonCustomers.JSON.readTree("{\"phone\": {\"conditions\": {\"$starts_with\": [1e999]}}}"),
                null,
                errors);

        assertThat(errors).isEmpty();
        assertThat(parsed).isNotNull();
    }

    @Test
    void allErrorsOfOneDocumentAreReportedTogether() {
        JsonNode filter = JsonCustomers.JSON.readTree("""
                {"junction": "xand",
                 "colour": {"conditions": {"$is": ["red"]}},
                 "email": {"conditions": {"$starts_with": ["a", "b"], "$count": [1]}, "note": "x"},
                 "loyalty.points": {"conditions": {"$more_than": ["many"], "$active": true}},
                 "filters": [{}, {"created_at": {"conditions": {"$after": ["yesterday"]}}}]}
                """);
        List<FilterError> errors = new ArrayList<>();
        errors.add(new FilterError("$.segments[0].filter", "an error of an earlier segment"));

        ParsedFilter parsed = new FilterParser(MetadataSchema.empty()).parse(filter, "$.segments[3].filter", errors);

        assertThat(parsed).isNull();
        assertThat(errors)
                .extracting(FilterError::path)
                .containsExactly(
                        "$.segments[0].filter",
                        "$.segments[3].filter.junction",
                        "$.segments[3].filter.colour",
                        "$.segments[3].filter.email.note",
                        "$.segments[3].filter.email.conditions.$starts_with",
                        "$.segments[3].filter.email.conditions.$count",
                        "$.segments[3].filter['loyalty.points'].conditions.$more_than[0]",
                        "$.segments[3].filter['loyalty.points'].conditions.$active",
                        "$.segments[3].filter.filters[0]",
                        "$.segments[3].filter.filters[1].created_at.conditions.$after[0]");
    }

    @Test
    void aValidDocumentAddsNoErrorAndAnInvalidOneLeavesEarlierErrorsAlone() {
        List<FilterError> errors = new ArrayList<>(List.of(new FilterError("$.other", "unrelated")));
        FilterParser parser = new FilterParser(MetadataSchema.empty());

        ParsedFilter parsed = parser.parse(
                JsonCustomers.JSON.readTree("{\"city\": {\"conditions\": {\"$is\": \"Berlin\"}}}"), "$.filter", errors);

        assertThat(parsed).isNotNull();
        assertThat(errors).containsExactly(new FilterError("$.other", "unrelated"));
    }

    @Test
    void aMissingFilterIsAnError() {
        List<FilterError> errors = new ArrayList<>();

        ParsedFilter parsed = new FilterParser(MetadataSchema.empty()).parse(null, "$.segments[0].filter", errors);

        assertThat(parsed).isNull();
        assertThat(errors)
                .containsExactly(new FilterError("$.segments[0].filter", "expected a filter object, got nothing"));
    }

    @Test
    void groupsNestAtMost32LevelsAndDeeperOnesAreRefusedWhereTheyPassTheLimit() {
        FilterParser parser = new FilterParser(MetadataSchema.empty());
        List<FilterError> errors = new ArrayList<>();

        assertThat(parser.parse(JsonCustomers.JSON.readTree(nested(FilterParser.MAX_DEPTH)), "$.filter", errors))
                .isNotNull();
        assertThat(errors).isEmpty();

        assertThat(parser.parse(JsonCustomers.JSON.readTree(nested(FilterParser.MAX_DEPTH + 1)), "$.filter", errors))
                .isNull();
        assertThat(errors)
                .containsExactly(
                        new FilterError(
                                "$.filter" + ".filters[0]".repeat(FilterParser.MAX_DEPTH),
                                "groups nest more than 32 levels deep here; a filter nests at most 32 levels of \"filters\" (the filter itself is level 1)"));
    }

    /** A filter whose groups nest {@code levels} deep: the filter itself is level 1. */
    private static String nested(int levels) {
        return "{\"filters\": [".repeat(levels - 1) + "{\"city\": {\"conditions\": {\"$is\": [\"Berlin\"]}}}"
                + "]}".repeat(levels - 1);
    }

    private static ParsedFilter load(JsonNode filter, JsonNode schemaNode, List<FilterError> errors) {
        MetadataSchema schema = MetadataSchema.parse(schemaNode, "$.metadata_schema", errors);
        return new FilterParser(schema).parse(filter, "$.filter", errors);
    }
}
