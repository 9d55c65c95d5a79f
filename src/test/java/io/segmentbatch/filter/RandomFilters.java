package io.segmentbatch.filter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.segmentbatch.filter.FieldType.ARRAY;
import static io.segmentbatch.filter.FieldType.BOOLEAN;
import static io.segmentbatch.filter.FieldType.DATE;
import static io.segmentbatch.filter.FieldType.DATETIME;
import static io.segmentbatch.filter.FieldType.NUMBER;
import static io.segmentbatch.filter.FieldType.STRING;
import static io.segmentbatch.filter.FieldType.UNTYPED;

/**
 * Random customers (maps of canonical field path to accessor value) and random filter conditions over a
 * small set of fields of every type, with values chosen to hit edge cases often: letter case, non-ASCII
 * text, numeric strings, other scales, missing values, dates near today.
 */
final class RandomFilters {

    static final Instant AS_OF = Instant.parse("2024-03-15T10:00:00Z");
    static final MetadataSchema SCHEMA = new MetadataSchema(Map.of("vip", BOOLEAN, "since", DATE, "tags", ARRAY));
    static final List<FieldRef> FIELDS = List.of(
            new FieldRef("address.city", STRING),
            new FieldRef("email", STRING),
            new FieldRef("loyalty.points", NUMBER),
            new FieldRef("summary.orders.total_amount", NUMBER),
            new FieldRef("metadata.vip", BOOLEAN),
            new FieldRef("birthdate", DATE),
            new FieldRef("metadata.since", DATE),
            new FieldRef("created_at", DATETIME),
            new FieldRef("metadata.tags", ARRAY),
            new FieldRef("metadata.any", UNTYPED));
    static final FieldResolver<Map<String, Object>> RESOLVER = field -> customer -> customer.get(field.path());

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);
    private static final String[] TEXTS = {
        "Berlin",
        "BERLIN",
        "berlin",
        "Łódź",
        "ŁÓDŹ",
        "łódź",
        "Straße",
        "STRASSE",
        "İzmir",
        "ΟΔΟΣ",
        "ann@example.com",
        "Ann@Example.COM",
        "42",
        "42.0",
        "Warsaw",
        "Kraków",
        "gold",
        "GOLD"
    };
    private static final String[] TEXT_CONSTANTS = {
        "berlin",
        "BER",
        "łó",
        "ŁÓDŹ",
        "ss",
        "ß",
        "straße",
        "example",
        ".com",
        "42",
        "izm",
        "i\u0307zmir",
        "δος",
        "warsaw",
        "gold",
        "VIP",
        "7"
    };
    private static final Object[] ELEMENTS = {
        "gold", "GOLD", "vip", "silver", "7", new BigDecimal("7"), new BigDecimal("7.0"), "Łódź"
    };
    private static final String[] ZONES = {"UTC", "Europe/Warsaw", "America/New_York", "Pacific/Kiritimati"};

    private final Random random;

    RandomFilters(Random random) {
        this.random = random;
    }

    FieldRef field() {
        return FIELDS.get(random.nextInt(FIELDS.size()));
    }

    EvaluationContext context() {
        Instant asOf = AS_OF.plusSeconds(random.nextInt(400 * 86_400) - 200L * 86_400);
        return new EvaluationContext(asOf, ZoneId.of(pick(ZONES)), DayOfWeek.of(1 + random.nextInt(7)));
    }

    Map<String, Object> customer() {
        Map<String, Object> customer = new HashMap<>();
        for (FieldRef field : FIELDS) {
            int roll = random.nextInt(10);
            if (roll == 0) {
                continue;
            }
            customer.put(field.path(), roll == 1 ? missing(field.type()) : value(field.type()));
        }
        return customer;
    }

    Object missing(FieldType type) {
        return switch (type) {
            case STRING, UNTYPED -> random.nextBoolean() ? "" : null;
            case ARRAY -> List.of();
            default -> null;
        };
    }

    Object value(FieldType type) {
        return switch (type) {
            case STRING -> pick(TEXTS);
            case NUMBER -> number();
            case BOOLEAN -> random.nextBoolean();
            case DATE -> TODAY.plusDays(random.nextInt(1600) - 800);
            case DATETIME -> AS_OF.plusSeconds((long) (random.nextDouble() * 1600 * 86_400) - 800L * 86_400);
            case ARRAY ->
                Stream.generate(() -> pick(ELEMENTS)).limit(random.nextInt(5)).toList();
            case UNTYPED ->
                switch (random.nextInt(7)) {
                    case 0 -> pick(TEXTS);
                    case 1 -> number();
                    case 2 -> number().toPlainString();
                    case 3 -> random.nextBoolean();
                    case 4 -> TODAY.plusDays(random.nextInt(60) - 30).toString();
                    case 5 ->
                        AS_OF.plusSeconds(random.nextInt(60 * 86_400) - 30L * 86_400)
                                .toString();
                    default -> value(ARRAY);
                };
        };
    }

    /** {@code {"conditions": {...}}} with one or two operators the field's type takes. */
    ObjectNode conditions(FieldRef field) {
        ObjectNode operators = NODES.objectNode();
        List<Operator> candidates = operatorsFor(field.type());
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            Operator operator = candidates.get(random.nextInt(candidates.size()));
            operators.set(operator.key(), values(operator, field.type()));
        }
        return NODES.objectNode().set("conditions", operators);
    }

    static ObjectNode filter(FieldRef field, Operator operator, JsonNode values) {
        ObjectNode operators = NODES.objectNode().set(operator.key(), values);
        return NODES.objectNode().set(field.path(), NODES.objectNode().set("conditions", operators));
    }

    static List<Operator> operatorsFor(FieldType type) {
        return Stream.of(Operator.values())
                .filter(operator -> operator.appliesTo(type))
                .toList();
    }

    /** Values of the kind the operator takes on the type, written as a bare scalar or an array. */
    JsonNode values(Operator operator, FieldType type) {
        ValueKind kind = ValueKind.of(operator, type);
        if (kind == ValueKind.NONE) {
            return pick(new JsonNode[] {
                NODES.booleanNode(true), NODES.arrayNode().add(true), NODES.stringNode(""), NODES.arrayNode()
            });
        }
        int count = operator.arity() == Operator.Arity.MANY ? 1 + random.nextInt(3) : 1;
        List<JsonNode> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(value(kind));
        }
        if (count == 1 && random.nextBoolean()) {
            return values.get(0);
        }
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private JsonNode value(ValueKind kind) {
        return switch (kind) {
            case TEXT -> random.nextInt(5) == 0 ? NODES.numberNode(42) : NODES.stringNode(pick(TEXT_CONSTANTS));
            case NUMBER ->
                random.nextBoolean() ? NODES.numberNode(number()) : NODES.stringNode(number().toPlainString());
            case BOOLEAN ->
                random.nextBoolean()
                        ? NODES.booleanNode(random.nextBoolean())
                        : NODES.stringNode(Boolean.toString(random.nextBoolean()));
            case TEMPORAL ->
                NODES.stringNode(
                        random.nextBoolean()
                                ? TODAY.plusDays(random.nextInt(60) - 30).toString()
                                : AS_OF.plusSeconds(random.nextInt(60 * 86_400) - 30L * 86_400)
                                        .toString());
            case DAYS -> NODES.numberNode(random.nextInt(60));
            case YEARS -> NODES.numberNode(random.nextInt(4));
            case COUNT -> NODES.numberNode(random.nextInt(5));
            case DAY_OF_WEEK -> NODES.numberNode(random.nextInt(7));
            case DAY_OF_MONTH -> NODES.numberNode(1 + random.nextInt(31));
            case MONTH -> NODES.numberNode(1 + random.nextInt(12));
            case YEAR -> NODES.numberNode(2022 + random.nextInt(5));
            case SCALAR, ELEMENT ->
                switch (random.nextInt(kind == ValueKind.SCALAR ? 4 : 3)) {
                    case 0 -> NODES.numberNode(number());
                    case 1 -> NODES.stringNode(pick(TEXT_CONSTANTS));
                    case 2 -> NODES.stringNode(pick(TEXTS));
                    default -> NODES.booleanNode(random.nextBoolean());
                };
            case NONE -> throw new IllegalArgumentException("no value for " + kind);
        };
    }

    private BigDecimal number() {
        return BigDecimal.valueOf(random.nextInt(21) - 10).setScale(random.nextInt(3));
    }

    <V> V pick(V[] values) {
        return values[random.nextInt(values.length)];
    }
}
