package io.segmentbatch.report;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON mapper for reports and events: field order as declared, nulls kept where the shape has them. */
public final class ReportJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();
    static final ObjectMapper PRETTY =
            MAPPER.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ReportJson() {}
}
