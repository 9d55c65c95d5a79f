package io.segmentbatch.filter;

import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Filter evaluations per second: 100 varied filters, compiled once, tested against 1,000,000 generated
 * in-memory customers, customer by customer as a run does. Not a unit test (surefire runs only
 * {@code *Tests}); run it with
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) io.segmentbatch.filter.FilterBenchmark
 * </pre>
 */
public final class FilterBenchmark {

    private static final int CUSTOMERS = 1_000_000;
    private static final int FILTERS = 100;
    private static final String[] FIELDS = {
        "address.city",
        "address.country",
        "email",
        "name",
        "loyalty.points",
        "summary.orders.total_amount",
        "summary.orders.total_count",
        "created_at",
        "summary.orders.last_order_date",
        "birthdate",
        "metadata.newsletter",
        "metadata.tags",
        "metadata.tier",
        "metadata.score"
    };
    private static final MetadataSchema SCHEMA =
            new MetadataSchema(Map.of("newsletter", FieldType.BOOLEAN, "tags", FieldType.ARRAY));
    private static final String[] CITIES = {
        "Berlin", "Warsaw", "Kraków", "ŁÓDŹ", "Gdańsk", "Paris", "München", "Wrocław", "Poznań", "Hamburg", "Köln",
        "Praha"
    };
    private static final String[] COUNTRIES = {"PL", "DE", "FR", "CZ"};
    private static final String[] NAMES = {"Anna", "Jan", "Zofia", "Łukasz", "Marta", "Piotr", "Ewa", "Tomasz"};
    private static final String[] TIERS = {"gold", "Silver", "BRONZE", "platinum", ""};
    private static final String[] TAGS = {"vip", "newsletter", "b2b", "churn-risk", "beta", "7"};

    /** Filter templates; {@code %1$s}...{@code %3$s} are filled with random constants of the right kind. */
    private static final String[] TEMPLATES = {
        "{\"address.city\": {\"conditions\": {\"$is\": [\"%1$s\"]}}}",
        "{\"address.city\": {\"conditions\": {\"$in\": [\"%1$s\", \"%2$s\", \"Hamburg\", \"Köln\", \"Praha\"]}}}",
        "{\"email\": {\"conditions\": {\"$ends_with\": [\"@example.com\"]}}}",
        "{\"name\": {\"conditions\": {\"$starts_with\": [\"%3$s\"]}}}",
        "{\"email\": {\"conditions\": {\"$contains\": [\"%3$s\"]}}}",
        "{\"summary.orders.total_amount\": {\"conditions\": {\"$more_than_equal\": [%4$d], \"$less_than\": [%5$d]}}}",
        "{\"loyalty.points\": {\"conditions\": {\"$more_than\": [\"%4$d\"]}}}",
        "{\"summary.orders.total_count\": {\"conditions\": {\"$in\": [1, 2, 3]}}}",
        "{\"created_at\": {\"conditions\": {\"$less_than_ago\": [%6$d]}}}",
        "{\"summary.orders.last_order_date\": {\"conditions\": {\"$more_than_ago\": [%6$d]}}}",
        "{\"created_at\": {\"conditions\": {\"$this_month\": true}}}",
        "{\"birthdate\": {\"conditions\": {\"$next_month\": true}}}",
        "{\"birthdate\": {\"conditions\": {\"$is_less_days_in_future_md\": [%6$d]}}}",
        "{\"created_at\": {\"conditions\": {\"$after\": [\"2023-06-01T00:00:00Z\"]}}}",
        "{\"metadata.newsletter\": {\"conditions\": {\"$is\": [true]}}}",
        "{\"metadata.tags\": {\"conditions\": {\"$contains\": [\"vip\"]}}}",
        "{\"metadata.tags\": {\"conditions\": {\"$includes\": [\"vip\", \"beta\"]}}}",
        "{\"metadata.tier\": {\"conditions\": {\"$in\": [\"gold\", \"platinum\"]}}}",
        "{\"metadata.score\": {\"conditions\": {\"$more_than\": [%7$d]}}}",
        "{\"junction\": \"or\", \"address.country\": {\"conditions\": {\"$is\": [\"pl\"]}},"
                + " \"filters\": [{\"loyalty.points\": {\"conditions\": {\"$more_than\": [%4$d]}},"
                + " \"metadata.tags\": {\"conditions\": {\"$not_contain\": [\"churn-risk\"]}}}]}",
        "{\"address.city\": {\"conditions\": {\"$not_in\": [\"%1$s\"]}}, \"email\": {\"conditions\": {\"$has_value\": true}},"
                + " \"summary.orders.total_amount\": {\"conditions\": {\"$more_than\": [%4$d]}}}",
        "{\"junction\": \"and\", \"filters\": [{\"junction\": \"or\", \"address.city\": {\"conditions\": {\"$is\": [\"%1$s\"]}},"
                + " \"address.country\": {\"conditions\": {\"$is\": [\"DE\"]}}}, {\"junction\": \"or\","
                + " \"created_at\": {\"conditions\": {\"$last_week\": true}}, \"birthdate\": {\"conditions\": {\"$today_md\": true}}}]}",
    };

    private FilterBenchmark() {}

    public static void main(String[] args) {
        Random random = new Random(42);
        EvaluationContext context = new EvaluationContext(
                Instant.parse("2024-03-15T10:00:00Z"), ZoneId.of("Europe/Warsaw"), DayOfWeek.MONDAY);
        List<CompiledFilter<Object[]>> filters = compileFilters(random, context);
        long start = System.nanoTime();
        Object[][] customers = customers(random, context.asOf());
        System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s%n", CUSTOMERS, seconds(start));

        run(filters, customers, CUSTOMERS / 10);
        run(filters, customers, CUSTOMERS);
        start = System.nanoTime();
        long matches = run(filters, customers, CUSTOMERS);
        double elapsed = seconds(start);
        long evaluations = (long) FILTERS * CUSTOMERS;
        System.out.printf(
                Locale.ROOT,
                "%,d evaluations (%d filters x %,d customers) in %.2f s: %,.0f evaluations/s,"
                        + " %.1f ns each; %,d matches%n",
                evaluations,
                FILTERS,
                CUSTOMERS,
                elapsed,
                evaluations / elapsed,
                elapsed * 1e9 / evaluations,
                matches);
        if (List.of(args).contains("--per-template")) {
            perTemplate(filters, customers);
        }
    }

    /** Nanoseconds per evaluation of each template's first filter, run alone over all customers. */
    private static void perTemplate(List<CompiledFilter<Object[]>> filters, Object[][] customers) {
        for (int t = 0; t < TEMPLATES.length; t++) {
            List<CompiledFilter<Object[]>> one = List.of(filters.get(t));
            long start = System.nanoTime();
            long matches = run(one, customers, CUSTOMERS);
            System.out.printf(
                    Locale.ROOT,
                    "%6.1f ns  %,9d matches  %s%n",
                    seconds(start) * 1e9 / CUSTOMERS,
                    matches,
                    TEMPLATES[t].substring(0, Math.min(100, TEMPLATES[t].length())));
        }
    }

    private static long run(List<CompiledFilter<Object[]>> filters, Object[][] customers, int count) {
        @SuppressWarnings("unchecked")
        CompiledFilter<Object[]>[] array = filters.toArray(CompiledFilter[]::new);
        long matches = 0;
        for (int c = 0; c < count; c++) {
            Object[] customer = customers[c];
            for (CompiledFilter<Object[]> filter : array) {
                if (filter.matches(customer)) {
                    matches++;
                }
            }
        }
        return matches;
    }

    private static List<CompiledFilter<Object[]>> compileFilters(Random random, EvaluationContext context) {
        JsonMapper json = JsonMapper.builder().build();
        FilterParser parser = new FilterParser(SCHEMA);
        FieldResolver<Object[]> resolver = field -> {
            int index = List.of(FIELDS).indexOf(field.path());
            return customer -> customer[index];
        };
        List<CompiledFilter<Object[]>> filters = new ArrayList<>();
        for (int i = 0; i < FILTERS; i++) {
            String text = String.format(
                    Locale.ROOT,
                    TEMPLATES[i % TEMPLATES.length],
                    pick(random, CITIES),
                    pick(random, CITIES),
                    pick(random, NAMES).substring(0, 2).toLowerCase(Locale.ROOT),
                    random.nextInt(50_000),
                    50_000 + random.nextInt(50_000),
                    1 + random.nextInt(90),
                    random.nextInt(100));
            List<FilterError> errors = new ArrayList<>();
            ParsedFilter parsed = parser.parse(json.readTree(text), "$.filters[" + i + "]", errors);
            if (parsed == null) {
                throw new IllegalStateException(text + ": " + errors);
            }
            filters.add(parsed.compile(resolver, context));
        }
        return filters;
    }

    private static Object[][] customers(Random random, Instant asOf) {
        List<List<String>> tagSets = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < TAGS.length; t++) {
                if ((i & (1 << t)) != 0) {
                    tags.add(TAGS[t]);
                }
            }
            tagSets.add(List.copyOf(tags));
        }
        Object[][] customers = new Object[CUSTOMERS][];
        LocalDate today = LocalDate.of(2024, 3, 15);
        for (int c = 0; c < CUSTOMERS; c++) {
            String name = pick(random, NAMES);
            customers[c] = new Object[] {
                pick(random, CITIES),
                pick(random, COUNTRIES),
                random.nextInt(10) == 0
                        ? null
                        : name.toLowerCase(Locale.ROOT) + c + (random.nextBoolean() ? "@example.com" : "@mail.pl"),
                name + " " + pick(random, NAMES),
                BigDecimal.valueOf(random.nextInt(5_000)),
                BigDecimal.valueOf(random.nextInt(200_000)),
                BigDecimal.valueOf(random.nextInt(20)),
                asOf.minusSeconds(random.nextInt(3 * 365 * 86_400)),
                random.nextInt(5) == 0 ? null : asOf.minusSeconds(random.nextInt(365 * 86_400)),
                random.nextInt(4) == 0 ? null : today.minusDays(6_000 + random.nextInt(20_000)),
                random.nextBoolean(),
                tagSets.get(random.nextInt(tagSets.size())),
                pick(random, TIERS),
                Integer.toString(random.nextInt(120)),
            };
        }
        return customers;
    }

    private static <V> V pick(Random random, V[] values) {
        return values[random.nextInt(values.length)];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
