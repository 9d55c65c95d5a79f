package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Reading a job's {@code metadata_schema}. */
class MetadataSchemaTests {

    @Test
    void readsEveryType() {
        List<FilterError> errors = new ArrayList<>();

        MetadataSchema schema = MetadataSchema.parse(JsonCustomers.JSON.readTree("""
                {"club_level": "string", "score": "number", "newsletter": "boolean", "since": "date",
                 "last_login": "datetime", "tags": "array"}"""), "$.metadata_schema", errors);

        assertThat(errors).isEmpty();
        assertThat(schema.types())
                .isEqualTo(Map.of(
                        "club_level",
                        FieldType.STRING,
                        "score",
                        FieldType.NUMBER,
                        "newsletter",
                        FieldType.BOOLEAN,
                        "since",
                        FieldType.DATE,
                        "last_login",
                        FieldType.DATETIME,
                        "tags",
                        FieldType.ARRAY));
        assertThat(schema.typeOf("undeclared")).isEqualTo(FieldType.UNTYPED);
    }

    @Test
    void noSchemaIsTheEmptySchema() {
        List<FilterError> errors = new ArrayList<>();

        assertThat(MetadataSchema.parse(null, "$.metadata_schema", errors)).isEqualTo(MetadataSchema.empty());
        assertThat(MetadataSchema.parse(JsonCustomers.JSON.readTree("null"), "$.metadata_schema", errors))
                .isEqualTo(MetadataSchema.empty());
        assertThat(errors).isEmpty();
    }

    @Test
    void keepsTheGoodEntriesOfASchemaWithErrors() {
        List<FilterError> errors = new ArrayList<>();

        MetadataSchema schema = MetadataSchema.parse(
                JsonCustomers.JSON.readTree("{\"tier\": \"string\", \"age\": \"integer\"}"),
                "$.jobs[0].metadata_schema",
                errors);

        assertThat(schema.types()).isEqualTo(Map.of("tier", FieldType.STRING));
        assertThat(errors).extracting(FilterError::path).containsExactly("$.jobs[0].metadata_schema.age");
    }

    @Test
    void aDeclaredTypeCannotBeUntyped() {
        assertThatIllegalArgumentException().isThrownBy(() -> new MetadataSchema(Map.of("tier", FieldType.UNTYPED)));
    }
}
