package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The field table: canonical paths, aliases, and the typing of metadata. */
class FieldsTests {

    private static final MetadataSchema SCHEMA = new MetadataSchema(
            Map.of("tier", FieldType.STRING, "profile.since", FieldType.DATE, "tags", FieldType.ARRAY));

    @Test
    void aliasesResolveToTheirCanonicalField() {
        assertThat(Fields.resolve("city", SCHEMA)).contains(new FieldRef("address.city", FieldType.STRING));
        assertThat(Fields.resolve("birthday", SCHEMA)).contains(new FieldRef("birthdate", FieldType.DATE));
    }

    @Test
    void fixedFieldsHaveTheTypesOfTheSpec() {
        assertThat(Fields.resolve("email", SCHEMA)).contains(new FieldRef("email", FieldType.STRING));
        assertThat(Fields.resolve("address.postal_code", SCHEMA))
                .contains(new FieldRef("address.postal_code", FieldType.STRING));
        assertThat(Fields.resolve("updated_at", SCHEMA)).contains(new FieldRef("updated_at", FieldType.DATETIME));
        assertThat(Fields.resolve("summary.orders.last_order_date", SCHEMA))
                .contains(new FieldRef("summary.orders.last_order_date", FieldType.DATETIME));
        assertThat(Fields.resolve("summary.redemptions.total_rollback_succeeded", SCHEMA))
                .contains(new FieldRef("summary.redemptions.total_rollback_succeeded", FieldType.NUMBER));
        assertThat(Fields.resolve("loyalty.referred_customers", SCHEMA))
                .contains(new FieldRef("loyalty.referred_customers", FieldType.NUMBER));
    }

    @Test
    void metadataIsTypedByTheSchemaElseUntyped() {
        assertThat(Fields.resolve("metadata.tier", SCHEMA)).contains(new FieldRef("metadata.tier", FieldType.STRING));
        assertThat(Fields.resolve("metadata.profile.since", SCHEMA))
                .contains(new FieldRef("metadata.profile.since", FieldType.DATE));
        assertThat(Fields.resolve("metadata.other", SCHEMA))
                .contains(new FieldRef("metadata.other", FieldType.UNTYPED));
        assertThat(Fields.resolve("system_metadata.tags", SCHEMA))
                .contains(new FieldRef("system_metadata.tags", FieldType.UNTYPED));
    }

    @Test
    void eventCountsAndCampaignPointsAreNumbers() {
        assertThat(Fields.resolve("events.order.paid.count", SCHEMA))
                .contains(new FieldRef("events.order.paid.count", FieldType.NUMBER));
        assertThat(Fields.resolve("loyalty_points.campaigns.Summer Promo.points", SCHEMA))
                .contains(new FieldRef("loyalty_points.campaigns.Summer Promo.points", FieldType.NUMBER));
    }

    @Test
    void pathsOutsideTheTableAreUnknown() {
        for (String path : new String[] {
            "",
            "address",
            "address.zip",
            "City",
            "metadata",
            "metadata.",
            "metadata..a",
            "metadata.a.",
            "system_metadata.",
            "events.count",
            "events..count",
            "events.x",
            "loyalty_points.campaigns..points",
            "loyalty_points.campaigns.x",
            "summary.orders",
            "birthdate.year"
        }) {
            assertThat(Fields.resolve(path, SCHEMA)).as(path).isEmpty();
        }
    }
}
