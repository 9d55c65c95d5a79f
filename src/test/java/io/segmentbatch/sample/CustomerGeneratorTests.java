package io.segmentbatch.sample;

import com.opencsv.CSVReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerGeneratorTests {

    private static final String HEADER = "id,source_id,name,description,email,phone,created_at,updated_at,birthdate,"
            + "address_city,address_country,address_postal_code,redemptions_total_redeemed,orders_total_amount,"
            + "orders_total_count,orders_average_amount,orders_last_order_amount,orders_last_order_date,loyalty_points,metadata";

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        CustomerGenerator.write(3_000, dir.resolve("a.csv"), 7);
        CustomerGenerator.write(3_000, dir.resolve("b.csv"), 7);
        CustomerGenerator.write(3_000, dir.resolve("c.csv"), 8);

        assertThat(Files.readAllBytes(dir.resolve("a.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("b.csv")));
        assertThat(Files.readAllBytes(dir.resolve("a.csv"))).isNotEqualTo(Files.readAllBytes(dir.resolve("c.csv")));
    }

    @Test
    void gzipFilesAreByteIdenticalAndHoldTheSameCsv() throws IOException {
        CustomerGenerator.write(3_000, dir.resolve("a.csv.gz"), 7);
        CustomerGenerator.write(3_000, dir.resolve("b.csv.gz"), 7);
        CustomerGenerator.write(3_000, dir.resolve("plain.csv"), 7);

        assertThat(Files.readAllBytes(dir.resolve("a.csv.gz"))).isEqualTo(Files.readAllBytes(dir.resolve("b.csv.gz")));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("a.csv.gz")))) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(dir.resolve("plain.csv")));
        }
    }

    @Test
    void writesTheHeaderAndOneLinePerCustomer() throws IOException {
        Path file = dir.resolve("nested/folder/customers.csv");
        CustomerGenerator.write(1_234, file, 42);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1 + 1_234);
        assertThat(lines.get(0)).isEqualTo(HEADER);
    }

    @Test
    void zeroCustomersIsJustTheHeader() throws IOException {
        Path file = dir.resolve("empty.csv");
        CustomerGenerator.write(0, file, 42);

        assertThat(Files.readString(file)).isEqualTo(HEADER + "\n");
        assertThatThrownBy(() -> CustomerGenerator.write(-1, file, 42)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRowParsesBackWithOpenCsvIntoValidCells() throws Exception {
        Path file = dir.resolve("customers.csv");
        CustomerGenerator.write(20_000, file, 42);

        List<String[]> rows = readAll(file);
        String[] header = rows.get(0);
        assertThat(rows).hasSize(20_001);
        JsonMapper json = JsonMapper.builder().build();
        for (String[] row : rows.subList(1, rows.size())) {
            assertThat(row).as("cells of %s", row[0]).hasSize(header.length);
            assertThat(row[0]).matches("cust_[0-9A-Za-z]{24}");
            Instant.parse(row[6]);
            Instant.parse(row[7]);
            if (!row[8].isEmpty()) {
                LocalDate.parse(row[8]);
            }
            for (int cell = 12; cell <= 18; cell++) {
                if (cell != 17 && !row[cell].isEmpty()) {
                    assertThat(new BigDecimal(row[cell])).isNotNegative();
                }
            }
            if (!row[17].isEmpty()) {
                assertThat(Instant.parse(row[17])).isAfterOrEqualTo(Instant.parse(row[6]));
            }
            if (!row[19].isEmpty()) {
                assertThat(json.readTree(row[19]).isObject()).as(row[19]).isTrue();
            }
        }
    }

    @Test
    void looksLikeARealExport() throws Exception {
        Path file = dir.resolve("customers.csv");
        CustomerGenerator.write(20_000, file, 42);

        List<String[]> rows = readAll(file).subList(1, 20_001);
        assertThat(rows).anySatisfy(row -> assertThat(row[8]).endsWith("-02-29"));
        assertThat(rows).anySatisfy(row -> assertThat(row[8]).isEmpty());
        assertThat(rows).anySatisfy(row -> assertThat(row[9]).isEqualTo("Łódź"));
        assertThat(rows).anySatisfy(row -> assertThat(row[9]).isEqualTo("São Paulo"));
        assertThat(rows).anySatisfy(row -> assertThat(row[3]).contains(","));
        assertThat(rows).anySatisfy(row -> assertThat(row[17]).isEmpty());
        assertThat(rows).anySatisfy(row -> assertThat(row[19]).isEmpty());
        assertThat(rows).anySatisfy(row -> assertThat(row[19]).contains("\"tags\":[\""));
        assertThat(rows).anySatisfy(row -> assertThat(Long.parseLong(row[13])).isGreaterThan(1_000_000));
        assertThat(rows.stream().filter(row -> row[14].equals("0")).count()).isBetween(4_000L, 8_000L);
    }

    @Test
    void idsAreUniqueInASample() throws Exception {
        Path file = dir.resolve("customers.csv");
        CustomerGenerator.write(100_000, file, 1);

        Set<String> ids = new HashSet<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.skip(1).forEach(line -> ids.add(line.substring(0, line.indexOf(','))));
        }
        assertThat(ids).hasSize(100_000);
    }

    private static List<String[]> readAll(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(reader)) {
            String[] row;
            while ((row = csv.readNext()) != null) {
                rows.add(row);
            }
        }
        return rows;
    }
}
