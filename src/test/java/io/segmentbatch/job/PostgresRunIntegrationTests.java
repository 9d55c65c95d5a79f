package io.segmentbatch.job;

import io.segmentbatch.PostgresBatchTest;
import io.segmentbatch.TestDatabases;
import io.segmentbatch.segment.Identities;
import io.segmentbatch.store.Dialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on a real PostgreSQL: customers written by COPY into the run's own table, in code point order. */
@PostgresBatchTest
class PostgresRunIntegrationTests extends AbstractRunIntegrationTests {
    @BeforeAll
    static void postgresAnswers() {
        TestDatabases.requirePostgres();
    }

    @Autowired
    Dialect dialect;

    @Test
    void aRunStoresOneRowPerCustomerInItsOwnTableAndCutsItsPartsFromThoseRows() {
        assertThat(dialect).isEqualTo(Dialect.POSTGRES);
        Path input = RunFixtures.copy("customers-1.csv", folder);
        RunOutcome outcome =
                run(RunFixtures.job("job-segments.json", RunFixtures.uniqueJobName("postgres"), input, folder), null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        long runNo = jdbc.queryForObject("SELECT run_no FROM sb_run WHERE run_id = ?", Long.class, outcome.runId());
        String table = "sb_customers_" + runNo;

        List<String> keys =
                jdbc.queryForList("SELECT customer_key FROM " + table + " ORDER BY customer_key", String.class);
        assertThat(keys)
                .as("one row per customer, identity order by code point (COLLATE \"C\")")
                .containsExactly("cust_a", "cust_b", "cust_c", "cust_d", "cust_e", "cust_g", "cust_h", "src_f")
                .isSortedAccordingTo(Identities.ORDER);
        assertThat(jdbc.queryForList("SELECT indexdef FROM pg_indexes WHERE tablename = ?", String.class, table))
                .as("customers are looked up by identity through a unique index")
                .anySatisfy(index -> assertThat(index).contains("UNIQUE", "(customer_key)"));

        JsonNode report = RunFixtures.json(outcome.reportFile());
        assertThat(report.at("/input/rows_read").asLong()).isEqualTo(8);
        assertThat(report.at("/input/customers").asLong()).isEqualTo(keys.size());
        assertThat(report.at("/input/rows_rejected").asLong()).isZero();
        // each filter segment is one bit of the rows' bitmaps: the rows with a bit set are its members
        List<Long> bitCounts = new ArrayList<>();
        for (int bit = 0; bit < 3; bit++) {
            bitCounts.add(jdbc.queryForObject(
                    "SELECT COUNT(*) FROM " + table + " WHERE (m0 & ?) <> 0", Long.class, 1L << bit));
        }
        List<Long> reported = new ArrayList<>();
        for (String segment : List.of("Warsaw", "Big spenders", "VIP")) {
            JsonNode entry = segmentEntry(report, segment);
            reported.add(entry.get("customers_count").asLong());
            assertThat(entry.get("entered").asLong())
                    .as(segment + " entered on its first run")
                    .isEqualTo(entry.get("customers_count").asLong());
            long inParts = 0;
            for (JsonNode part : entry.get("static_segments")) {
                List<String> fromFile =
                        RunFixtures.csv(outcome.runFolder()
                                        .resolve(part.get("file").asString()))
                                .stream()
                                .skip(1)
                                .map(row -> row[0].isEmpty() ? row[1] : row[0])
                                .toList();
                assertThat(currentMembers(part.at("/segment/id").asString()))
                        .as(part.at("/segment/name").asString())
                        .containsExactlyElementsOf(fromFile)
                        .hasSize(part.get("customers_count").asInt());
                inParts += fromFile.size();
            }
            assertThat(inParts)
                    .as(segment + ": its parts hold all its members")
                    .isEqualTo(entry.get("customers_count").asLong());
        }
        assertThat(bitCounts).containsExactlyInAnyOrderElementsOf(reported).containsExactlyInAnyOrder(5L, 5L, 4L);
        assertMembers(outcome, report, "Warsaw", List.of("cust_a", "cust_c", "cust_e", "cust_h", "src_f"));
    }
}
