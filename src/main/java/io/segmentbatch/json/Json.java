package io.segmentbatch.json;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JSON mappers (Jackson 3, {@code tools.jackson}), configured once and shared: a mapper is
 * immutable and thread-safe, and building one per use is slow and lets configurations drift apart.
 * {@link #MAPPER} has Jackson's defaults; {@link #DECIMALS} reads every number with a fraction as an exact
 * {@code BigDecimal} (filters and job definitions: {@code 100.10} is not read through a double) and refuses a
 * repeated key. The report keeps
 * its own field order ({@code report.ReportJson}).
 */
public final class Json {
    /** Jackson's defaults. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();
    /**
     * Jackson's defaults, but numbers with a fraction are read as {@code BigDecimal}, and a key twice in one object is
     * an error: with the last one winning, a filter's repeated field would drop its first condition without a word.
     */
    public static final JsonMapper DECIMALS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}
}
