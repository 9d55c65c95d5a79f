package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.fail;

/**
 * Laws of the filter language checked on thousands of random filters and customers. The seed is fixed
 * (override with {@code -Dfilter.seed=...}) and printed with every failure, so that a failure can be replayed.
 */
class FilterPropertiesTests {

    private static final long SEED = Long.getLong("filter.seed", 20_240_315L);
    private static final int CASES = 3_000;
    private static final int CUSTOMERS_PER_CASE = 20;
    private static final Map<Operator, Operator> NEGATIVES =
            Map.of(Operator.IS_NOT, Operator.IS, Operator.NOT_IN, Operator.IN, Operator.NOT_CONTAIN, Operator.CONTAINS);

    @Test
    void everyNegativeOperatorIsTheExactComplementOfItsPositiveTwin() {
        Random random = new Random(SEED);
        RandomFilters generator = new RandomFilters(random);
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            FieldRef field = generator.field();
            List<Operator> negatives = NEGATIVES.keySet().stream()
                    .filter(op -> op.appliesTo(field.type()))
                    .sorted()
                    .toList();
            if (negatives.isEmpty()) {
                continue;
            }
            Operator negative = negatives.get(random.nextInt(negatives.size()));
            Operator positive = NEGATIVES.get(negative);
            JsonNode values = generator.values(positive, field.type());
            EvaluationContext context = generator.context();
            CompiledFilter<Map<String, Object>> negated =
                    compile(RandomFilters.filter(field, negative, values), context);
            CompiledFilter<Map<String, Object>> plain = compile(RandomFilters.filter(field, positive, values), context);
            for (int c = 0; c < CUSTOMERS_PER_CASE; c++) {
                Map<String, Object> customer = generator.customer();
                if (negated.matches(customer) == plain.matches(customer)) {
                    fail(
                            "seed %d, case %d: %s %s and %s both gave %s for %s",
                            SEED,
                            i,
                            field.path(),
                            negative,
                            positive,
                            plain.matches(customer),
                            customer.get(field.path()) + " with " + values);
                }
                checked++;
            }
        }
        if (checked < CASES) {
            fail("seed %d: only %d comparisons", SEED, checked);
        }
    }

    @Test
    void operatorsOtherThanNegationsPresenceAndCountsNeverMatchAMissingValue() {
        Random random = new Random(SEED);
        RandomFilters generator = new RandomFilters(random);
        Set<Operator> decidingThemselves = Set.of(
                Operator.IS_NOT,
                Operator.NOT_IN,
                Operator.NOT_CONTAIN,
                Operator.IS_UNKNOWN,
                Operator.COUNT,
                Operator.COUNT_LESS);
        for (int i = 0; i < CASES; i++) {
            FieldRef field = generator.field();
            List<Operator> operators = RandomFilters.operatorsFor(field.type()).stream()
                    .filter(op -> !decidingThemselves.contains(op))
                    .toList();
            Operator operator = operators.get(random.nextInt(operators.size()));
            JsonNode values = generator.values(operator, field.type());
            CompiledFilter<Map<String, Object>> filter =
                    compile(RandomFilters.filter(field, operator, values), generator.context());
            Map<String, Object> customer = new HashMap<>();
            customer.put(field.path(), generator.missing(field.type()));
            if (filter.matches(customer) || filter.matches(Map.of())) {
                fail("seed %d, case %d: %s %s %s matched a missing value", SEED, i, field.path(), operator, values);
            }
        }
    }

    @Test
    void groupsAgreeWithTheirPartsEvaluatedOneByOne() {
        Random random = new Random(SEED);
        RandomFilters generator = new RandomFilters(random);
        for (int i = 0; i < CASES; i++) {
            EvaluationContext context = generator.context();
            Branch tree = group(generator, random, 0, context);
            ObjectNode json = tree.json();
            CompiledFilter<Map<String, Object>> whole = compile(json, context);
            for (int c = 0; c < CUSTOMERS_PER_CASE; c++) {
                Map<String, Object> customer = generator.customer();
                boolean expected = tree.matches(customer);
                if (whole.matches(customer) != expected) {
                    fail(
                            "seed %d, case %d: the whole filter gave %s, its parts %s, for %s and %s",
                            SEED, i, !expected, expected, json, customer);
                }
            }
        }
    }

    private static Branch group(RandomFilters generator, Random random, int depth, EvaluationContext context) {
        Junction junction = random.nextBoolean() ? Junction.AND : Junction.OR;
        List<Part> parts = new ArrayList<>();
        Set<FieldRef> fields = new LinkedHashSet<>();
        int size = 1 + random.nextInt(4);
        while (parts.size() < size) {
            if (depth < 3 && random.nextInt(3) == 0) {
                parts.add(group(generator, random, depth + 1, context));
            } else {
                FieldRef field = generator.field();
                if (fields.add(field)) {
                    ObjectNode conditions = generator.conditions(field);
                    ObjectNode alone = JsonNodeFactory.instance.objectNode().set(field.path(), conditions);
                    parts.add(new Leaf(field, conditions, compile(alone, context)));
                }
            }
        }
        return new Branch(junction, parts, random.nextBoolean());
    }

    private static CompiledFilter<Map<String, Object>> compile(ObjectNode filter, EvaluationContext context) {
        List<FilterError> errors = new ArrayList<>();
        ParsedFilter parsed = new FilterParser(RandomFilters.SCHEMA).parse(filter, "$", errors);
        if (parsed == null) {
            fail("seed %d: a generated filter did not load: %s %s", SEED, filter, errors);
        }
        return parsed.compile(RandomFilters.RESOLVER, context);
    }

    /** A part of a generated filter, with its meaning computed independently of the filter package's groups. */
    private sealed interface Part permits Leaf, Branch {
        boolean matches(Map<String, Object> customer);
    }

    private record Leaf(FieldRef field, ObjectNode conditions, CompiledFilter<Map<String, Object>> alone)
            implements Part {
        @Override
        public boolean matches(Map<String, Object> customer) {
            return alone.matches(customer);
        }
    }

    private record Branch(Junction junction, List<Part> parts, boolean writeJunction) implements Part {
        @Override
        public boolean matches(Map<String, Object> customer) {
            int matching = 0;
            for (Part part : parts) {
                matching += part.matches(customer) ? 1 : 0;
            }
            return junction == Junction.AND ? matching == parts.size() : matching > 0;
        }

        ObjectNode json() {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode json = nodes.objectNode();
            if (writeJunction || junction == Junction.OR) {
                json.put("junction", junction.name().toLowerCase(Locale.ROOT));
            }
            ArrayNode nested = nodes.arrayNode();
            for (Part part : parts) {
                if (part instanceof Leaf leaf) {
                    json.set(leaf.field().path(), leaf.conditions());
                } else {
                    nested.add(((Branch) part).json());
                }
            }
            if (!nested.isEmpty()) {
                json.set("filters", nested);
            }
            return json;
        }
    }
}
