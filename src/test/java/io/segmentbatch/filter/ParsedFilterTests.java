package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the rest of the application reads from a parsed filter, and compiling it per run. */
class ParsedFilterTests {

    private static final String FILTER = """
            {"junction": "or",
             "city": {"conditions": {"$is": ["Berlin"]}},
             "filters": [{"birthday": {"conditions": {"$today": true}},
                          "metadata.tier": {"conditions": {"$in": ["gold"]}},
                          "address.city": {"conditions": {"$starts_with": ["B"]}}}]}
            """;

    @Test
    void fieldsAreTheCanonicalFieldsReadInTheOrderWritten() {
        ParsedFilter filter = parse(FILTER);

        assertThat(filter.fields())
                .containsExactly(
                        new FieldRef("address.city", FieldType.STRING),
                        new FieldRef("birthdate", FieldType.DATE),
                        new FieldRef("metadata.tier", FieldType.UNTYPED));
    }

    @Test
    void eachCompilationUsesItsRunsDate() {
        ParsedFilter filter = parse("{\"created_at\": {\"conditions\": {\"$today\": true}}}");
        Map<String, Object> customer = Map.of("created_at", Instant.parse("2024-03-15T12:00:00Z"));
        FieldResolver<Map<String, Object>> resolver = field -> record -> record.get(field.path());

        CompiledFilter<Map<String, Object>> onTheDay = filter.compile(resolver, context("2024-03-15T08:00:00Z"));
        CompiledFilter<Map<String, Object>> dayAfter = filter.compile(resolver, context("2024-03-16T08:00:00Z"));

        assertThat(onTheDay.matches(customer)).isTrue();
        assertThat(dayAfter.matches(customer)).isFalse();
    }

    @Test
    void theResolverIsAskedOncePerConditionAtCompileTimeNotPerRecord() {
        ParsedFilter filter = parse(FILTER);
        List<FieldRef> asked = new ArrayList<>();
        CompiledFilter<Map<String, Object>> compiled = filter.compile(
                field -> {
                    asked.add(field);
                    return record -> record.get(field.path());
                },
                context("2024-03-15T08:00:00Z"));
        int afterCompile = asked.size();

        for (int i = 0; i < 100; i++) {
            compiled.matches(Map.of("birthdate", LocalDate.of(1990, 3, 15)));
        }

        assertThat(afterCompile).isEqualTo(4);
        assertThat(asked).hasSize(afterCompile);
    }

    private static EvaluationContext context(String asOf) {
        return new EvaluationContext(Instant.parse(asOf), ZoneId.of("UTC"), DayOfWeek.MONDAY);
    }

    private static ParsedFilter parse(String json) {
        List<FilterError> errors = new ArrayList<>();
        ParsedFilter filter =
                new FilterParser(MetadataSchema.empty()).parse(JsonCustomers.JSON.readTree(json), "$", errors);
        assertThat(errors).isEmpty();
        return filter;
    }
}
