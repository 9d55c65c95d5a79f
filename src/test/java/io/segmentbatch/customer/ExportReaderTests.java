package io.segmentbatch.customer;

import io.segmentbatch.filter.FieldRef;
import io.segmentbatch.filter.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportReaderTests {
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @TempDir
    Path folder;

    /** What a read gave: customers and rejects, in order. */
    record Read(List<Customer> customers, List<RejectedRowException> rejects, ExportReader reader) {}

    @Test
    void readsVoucherifyColumnsIntoTypedValues() throws IOException {
        Path file = write("c.csv", """
                id,source_id,name,email,created_at,birthdate,orders_total_amount,address_city,metadata
                cust_1,s1,Ann,ann@x.com,2022-02-03T13:10:11.928Z,1990-02-28,12500.50,Kraków,"{""tier"":""gold"",""n"":3,""vip"":true,""tags"":[""a"",""b""]}"
                """);
        Customer customer = readAll(List.of(file), ExportFormat.standard(), Map.of())
                .customers()
                .get(0);
        assertThat(customer.key()).isEqualTo("cust_1");
        assertThat(value(customer, "created_at", FieldType.DATETIME))
                .isEqualTo(Instant.parse("2022-02-03T13:10:11.928Z"));
        assertThat(value(customer, "birthdate", FieldType.DATE)).isEqualTo(LocalDate.of(1990, 2, 28));
        assertThat(value(customer, "summary.orders.total_amount", FieldType.NUMBER))
                .isEqualTo(new BigDecimal("12500.50"));
        assertThat(value(customer, "address.city", FieldType.STRING)).isEqualTo("Kraków");
        assertThat(value(customer, "metadata.tier", FieldType.UNTYPED)).isEqualTo("gold");
        assertThat(value(customer, "metadata.n", FieldType.UNTYPED)).isEqualTo(new BigDecimal("3"));
        assertThat(value(customer, "metadata.vip", FieldType.UNTYPED)).isEqualTo(true);
        assertThat(value(customer, "metadata.tags", FieldType.UNTYPED)).isEqualTo(List.of("a", "b"));
    }

    @Test
    void matchesHeadersIgnoringCaseSpacesDashesAndUnderscores() throws IOException {
        Path file = write("c.csv", " ID , Source-ID ,Address City,ORDERS TOTAL AMOUNT\ncust_1,s1,Berlin,5\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        Customer customer = read.customers().get(0);
        assertThat(customer.sourceId()).isEqualTo("s1");
        assertThat(value(customer, "address.city", FieldType.STRING)).isEqualTo("Berlin");
        assertThat(read.reader().checkHeaders()).isEmpty();
    }

    @Test
    void prefixedHeadersMatchAsEveryHeaderDoesAndKeepTheirNames() throws IOException {
        Path file = write(
                "c.csv",
                "id,Loyalty Points.Campaigns.Summer Sale.Points,loyalty-points.campaigns.Winter.POINTS,"
                        + "Events.Newsletter Signup.Count,METADATA.Tier\n"
                        + "cust_1,10,5,3,gold\n");

        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());

        assertThat(read.reader().checkHeaders()).isEmpty();
        Customer customer = read.customers().get(0);
        assertThat(customer.campaignPoints())
                .containsOnly(Map.entry("Summer Sale", new BigDecimal("10")), Map.entry("Winter", new BigDecimal("5")));
        assertThat(customer.eventCounts()).containsOnly(Map.entry("Newsletter Signup", new BigDecimal("3")));
        assertThat(customer.metadata()).containsOnly(Map.entry("Tier", "gold"));
    }

    @Test
    void readsGzipWithByteOrderMarkSemicolonsAndAColumnMapping() throws IOException {
        Path file = folder.resolve("c.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("\uFEFFCustomer Number;E-mail;Stadt\nS-1;a@x.com;Köln\n".getBytes(StandardCharsets.UTF_8));
        }
        ExportFormat format = new ExportFormat(
                ';', Map.of("Customer Number", "source_id", "E-mail", "email", "Stadt", "address_city"));
        Customer customer = readAll(List.of(file), format, Map.of()).customers().get(0);
        assertThat(customer.key()).isEqualTo("S-1");
        assertThat(customer.email()).isEqualTo("a@x.com");
        assertThat(value(customer, "address.city", FieldType.STRING)).isEqualTo("Köln");
    }

    @Test
    void countsLinesInsideQuotedCellsForTheLineNumbersOfLaterRows() throws IOException {
        Path file = write("c.csv", "id,name,orders_total_amount\ncust_1,\"three\nline\nname\",1\ncust_2,x,bad\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.customers().get(0).name()).isEqualTo("three\nline\nname");
        assertThat(read.customers().get(0).source().line()).isEqualTo(2);
        assertThat(read.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.source().line()).isEqualTo(5);
            assertThat(reject.reason()).contains("orders_total_amount", "'bad' is not a number");
            assertThat(reject.raw()).isEqualTo("cust_2,x,bad");
        });
    }

    @Test
    void aBrokenQuoteLosesOnlyItsOwnLine() throws IOException {
        Path file = write("c.csv", "id,name,email\ncust_1,\"Ann,a@x.com\ncust_2,Bob,b@x.com\ncust_3,Cy,c@x.com\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.source().line()).isEqualTo(2);
            assertThat(reject.reason()).startsWith("broken quote");
        });
        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_2", "cust_3");
        assertThat(read.customers()).extracting(c -> c.source().line()).containsExactly(3L, 4L);
    }

    @Test
    void aStrayQuoteClosedByALaterQuotedCellLosesOnlyItsOwnLineWhereverTheFileIsCut() throws IOException {
        // the quote opened on line 2 is closed by the first quote of line 4's "Cat", and the cells add up: the text
        // after that closing quote marks it as a stray quote, not a name of three lines
        Path file = write("c.csv", "id,name\ncust_a,\"Ann\ncust_b,Bob\ncust_c,\"Cat\"\ncust_d,\"Dan\"\n");

        List<String> whole = outcomes(reader(List.of(file), ExportFormat.standard(), Map.of()));

        assertThat(whole).containsExactly("rejected 2", "cust_b 3", "cust_c 4", "cust_d 5");
        assertThat(cutEvery(file, 10)).isEqualTo(whole);
        Path lenient = write("lenient.csv", "id,name\ncust_a,\"Bo\"b\n");
        assertThat(readAll(List.of(lenient), ExportFormat.standard(), Map.of()).customers())
                .extracting(Customer::name)
                .as("on one line, text after a closing quote stays in its cell")
                .containsExactly("Bo\"b");
    }

    @Test
    void aBrokenQuoteOverABadByteLosesOnlyItsOwnLineWhereverTheFileIsCut() throws IOException {
        // the quote opened on line 2 closes on line 4 and leaves 3 cells: line 2 is a broken quote, whatever bytes
        // it holds, and lines 3 to 5 are read again (the partition scanner, which reads no characters, cuts there)
        Path file = folder.resolve("c.csv");
        Files.write(
                file,
                "id,name\ncust_a,\"Ann\u00e9\ncust_b,Bob\ncust_c,\"Cat\",x\ncust_d,Dan\n"
                        .getBytes(StandardCharsets.ISO_8859_1));

        List<String> whole = outcomes(reader(List.of(file), ExportFormat.standard(), Map.of()));

        assertThat(whole).containsExactly("rejected 2", "cust_b 3", "rejected 4", "cust_d 5");
        assertThat(cutEvery(file, 10)).isEqualTo(whole);
    }

    /** What reading {@code file} cut into partitions of about {@code partitionSize} bytes gives, one after another. */
    private static List<String> cutEvery(Path file, long partitionSize) {
        List<String> cut = new ArrayList<>();
        long offset = 0;
        long line = 1;
        List<RecordStarts.Start> starts = RecordStarts.find(file, ',', 2, partitionSize);
        assertThat(starts).isNotEmpty();
        for (int k = 0; k <= starts.size(); k++) {
            long end = k < starts.size() ? starts.get(k).offset() : -1;
            cut.addAll(outcomes(new ExportReader(
                    file, ExportFormat.standard(), key -> FieldType.UNTYPED, WARSAW, offset, line, end)));
            if (k < starts.size()) {
                offset = starts.get(k).offset();
                line = starts.get(k).line();
            }
        }
        return cut;
    }

    private static List<String> outcomes(ExportReader reader) {
        List<String> outcomes = new ArrayList<>();
        while (true) {
            try {
                Customer customer = reader.next();
                if (customer == null) {
                    return outcomes;
                }
                outcomes.add(customer.key() + " " + customer.source().line());
            } catch (RejectedRowException e) {
                outcomes.add("rejected " + e.source().line());
            }
        }
    }

    @Test
    void aQuotedCellStillOpenAfterAThousandLinesIsABrokenQuoteThatSaysSo() throws IOException {
        StringBuilder cell = new StringBuilder("\"line 1");
        for (int i = 2; i <= 1000; i++) {
            cell.append("\nline ").append(i);
        }
        Path file = write("c.csv", "id,description\ncust_1," + cell + "\nline 1001\"\n");

        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());

        assertThat(read.rejects().get(0).source().line()).isEqualTo(2);
        assertThat(read.rejects().get(0).reason())
                .isEqualTo("broken quote: a quoted cell is still open after 1000 lines (a record may span at most that"
                        + " many)");
    }

    @Test
    void countsAndPointsAreWholeNumbersAndAFractionRejectsItsRow() throws IOException {
        Path file = write(
                "c.csv",
                "id,orders_total_count,loyalty_points,events.purchase.count,"
                        + "loyalty_points.campaigns.Summer.points,orders_total_amount\n"
                        + "cust_1,2,10,-1,0,12.50\n"
                        + "cust_2,2.5,10,1,0,1\n"
                        + "cust_3,2,10.75,1,0,1\n"
                        + "cust_4,2,10,1.0,0,1\n"
                        + "cust_5,2,10,1,0.5,1\n");

        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());

        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_1");
        assertThat(value(read.customers().get(0), "summary.orders.total_amount", FieldType.NUMBER))
                .isEqualTo(new BigDecimal("12.50"));
        assertThat(read.rejects())
                .extracting(RejectedRowException::reason)
                .containsExactly(
                        "orders_total_count: '2.5' is not a whole number (expected digits with no decimal part, like 3"
                                + " or -12)",
                        "loyalty_points: '10.75' is not a whole number (expected digits with no decimal part, like 3"
                                + " or -12)",
                        "events.purchase.count: '1.0' is not a whole number (expected digits with no decimal part,"
                                + " like 3 or -12)",
                        "loyalty_points.campaigns.Summer.points: '0.5' is not a whole number (expected digits with no"
                                + " decimal part, like 3 or -12)");
    }

    @Test
    void typesMetadataByTheSchemaAndRejectsValuesThatDoNotFit() throws IOException {
        Path file = write("c.csv", """
                id,metadata.newsletter,metadata.tags,metadata
                cust_1,true,"a, b","{""score"":""7""}"
                cust_2,maybe,,
                cust_3,,,"{""score"":""high""}"
                cust_4,,,"{""club"":[""gold""]}"
                cust_5,,,"{""club"":{""level"":""gold""}}"
                cust_6,,,"{""club"":7}"
                """);
        Map<String, FieldType> schema = Map.of(
                "newsletter",
                FieldType.BOOLEAN,
                "tags",
                FieldType.ARRAY,
                "score",
                FieldType.NUMBER,
                "club",
                FieldType.STRING);
        Read read = readAll(List.of(file), ExportFormat.standard(), schema);
        Customer customer = read.customers().get(0);
        assertThat(value(customer, "metadata.newsletter", FieldType.BOOLEAN)).isEqualTo(true);
        assertThat(value(customer, "metadata.tags", FieldType.ARRAY)).isEqualTo(List.of("a", "b"));
        assertThat(value(customer, "metadata.score", FieldType.NUMBER)).isEqualTo(new BigDecimal("7"));
        assertThat(read.rejects())
                .extracting(RejectedRowException::reason)
                .containsExactly(
                        "metadata.newsletter: 'maybe' is not a boolean (expected true or false)",
                        "metadata: property 'score' 'high' is not a number (expected digits, like 12500 or -3.75)",
                        "metadata: property 'club' is declared a string but holds an array",
                        "metadata: property 'club' is declared a string but holds an object");
        assertThat(value(read.customers().get(read.customers().size() - 1), "metadata.club", FieldType.STRING))
                .as("a number reads as its text")
                .isEqualTo("7");
    }

    @Test
    void unknownColumnsAreReadAsMetadataWithOneWarning() throws IOException {
        Path file = write("c.csv", "id,Favourite Colour\ncust_1,green\ncust_2,blue\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(value(read.customers().get(0), "metadata.Favourite Colour", FieldType.UNTYPED))
                .isEqualTo("green");
        assertThat(read.reader().checkHeaders()).singleElement().asString().contains("'Favourite Colour'", "metadata");

        Path other = write("d.csv", "id,favourite colour,Favourite Colour\ncust_3,red,red\n");
        assertThat(reader(List.of(file, other), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .as("one warning a column, naming each file that has it")
                .containsExactly(
                        file + ", " + other
                                + ": column 'Favourite Colour' is not an export column; read as metadata property"
                                + " 'Favourite Colour'",
                        other + ": column 'favourite colour' is not an export column; read as metadata property"
                                + " 'favourite colour'");
    }

    @Test
    void readsSeveralFilesAsOneExport() throws IOException {
        Path first = write("a.csv", "id\ncust_1\n");
        Path second = write("b.csv", "source_id\ns_2\n");
        Read read = readAll(List.of(first, second), ExportFormat.standard(), Map.of());
        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_1", "s_2");
        assertThat(read.customers().get(1).source().file()).endsWith("b.csv");
    }

    @Test
    void anEmptyFileOrAHeaderWithNoKnownColumnFailsBeforeAnythingIsRead() throws IOException {
        Path empty = write("empty.csv", "");
        Path unknown = write("unknown.csv", "foo,bar\n1,2\n");
        assertThatThrownBy(() -> reader(List.of(empty), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("empty.csv")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> reader(List.of(unknown), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("names no column the pipeline knows");
    }

    @Test
    void twoColumnsThatGiveTheSameThingFailTheFileNamingBoth() throws IOException {
        Path sourceIds = write("source-ids.csv", "id,source_id,name,SOURCE ID\nc1,S1,Ann,S2\n");
        assertThatThrownBy(() -> reader(List.of(sourceIds), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("source-ids.csv line 1: columns 2 ('source_id') and 4 ('SOURCE ID')")
                .hasMessageContaining("both give the customer's source_id");
        Path mapped = write("mapped.csv", "id,Customer Number,source_id\nc1,K1,S1\n");
        assertThatThrownBy(() -> reader(
                                List.of(mapped),
                                new ExportFormat(',', Map.of("Customer Number", "source_id")),
                                Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("columns 2 ('Customer Number') and 3 ('source_id')");
        Path metadata = write("metadata.csv", "id,metadata.vip,vip\nc1,true,false\n");
        assertThatThrownBy(() -> reader(List.of(metadata), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("both give metadata property 'vip'");
    }

    @Test
    void birthdayBesideBirthdateCountsOnlyWhereBirthdatesCellIsEmpty() throws IOException {
        for (String header : List.of("id,birthday,birthdate", "id,birthdate,birthday")) {
            boolean birthdayFirst = header.startsWith("id,birthday");
            Path file = write(
                    "birthdays.csv",
                    header + "\n"
                            + (birthdayFirst ? "c1,1990-01-01,1985-05-05\n" : "c1,1985-05-05,1990-01-01\n")
                            + (birthdayFirst ? "c2,1990-01-01,\n" : "c2,,1990-01-01\n"));
            List<Customer> customers =
                    readAll(List.of(file), ExportFormat.standard(), Map.of()).customers();
            assertThat(value(customers.get(0), "birthdate", FieldType.DATE))
                    .as(header)
                    .isEqualTo(LocalDate.of(1985, 5, 5));
            assertThat(value(customers.get(1), "birthdate", FieldType.DATE))
                    .as(header)
                    .isEqualTo(LocalDate.of(1990, 1, 1));
        }
    }

    /** Mistakes a user makes with a good export: a gzip file not named .gz, UTF-16, another delimiter. */
    @Test
    void aGzipFileNotNamedGzAndAnotherDelimiterAreNamedAsSuch() throws IOException {
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write("id,name\ncust_1,Ann\n".getBytes(StandardCharsets.UTF_8));
        }
        Path gzipped = folder.resolve("customers.csv");
        Files.write(gzipped, gzip.toByteArray());
        assertThatThrownBy(() -> reader(List.of(gzipped), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessage(gzipped + ": the file is gzip-compressed (it starts with gzip's magic bytes) but its name"
                        + " does not end in .gz, so it was read as text; name it customers.csv.gz, or uncompress it");

        Path utf16 = folder.resolve("unicode-text.csv");
        // Excel's "Unicode text": UTF-16 little-endian after its byte-order mark
        Files.write(utf16, "\uFEFFid,name\r\ncust_1,Zo\u00eb\r\n".getBytes(StandardCharsets.UTF_16LE));
        assertThatThrownBy(() -> reader(List.of(utf16), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessage(utf16 + ": the file is UTF-16 (it begins with a UTF-16 byte-order mark); convert it to"
                        + " UTF-8 (iconv -f UTF-16 -t UTF-8), or export it as UTF-8 CSV");

        Path semicolons = write("semicolons.csv", "id;source_id;name\ncust_1;s1;Ann\n");
        assertThatThrownBy(() -> reader(List.of(semicolons), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageEndingWith("columns found: 'id;source_id;name'; the header is one cell: if the export's"
                        + " delimiter is ';', set input.delimiter to \";\" in the job file");
        Path tabs = write("tabs.csv", "id\tname\ncust_1\tAnn\n");
        assertThatThrownBy(() ->
                        reader(List.of(tabs), ExportFormat.standard(), Map.of()).checkHeaders())
                .hasMessageEndingWith(
                        "if the export's delimiter is a tab, set input.delimiter to \"\\t\" in the job" + " file");
    }

    @Test
    void aBlankFirstLineAnEmptyGzipAndACutGzipSayWhatIsWrongWithWhichFile() throws IOException {
        Path blankFirst = write("blank.csv", "\nid,name\ncust_1,Ann\n");
        assertThatThrownBy(() -> reader(List.of(blankFirst), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessage(blankFirst + " line 1: blank, where the header row must be");

        // RFC 4180 lets a quoted cell hold a line break; in the header it would make the next line a customer
        Path brokenHeader = write("broken-header.csv", "id,\"source\nid\",email\ncust_1,s1,a@b.c\n");
        assertThatThrownBy(() -> reader(List.of(brokenHeader), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessage(brokenHeader + " line 1: the header has a quoted cell that is not closed on its line; a"
                        + " column name cannot hold a line break");

        Path emptyGzip = folder.resolve("empty.csv.gz");
        Files.write(emptyGzip, new byte[0]);
        assertThatThrownBy(() -> reader(List.of(emptyGzip), ExportFormat.standard(), Map.of())
                        .checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessage(emptyGzip + ": cannot be read (not a complete gzip file (it ends before its gzip header))");

        StringBuilder rows = new StringBuilder("id,name\n");
        for (int i = 0; i < 20_000; i++) {
            rows.append("cust_").append(i).append(",Name ").append(i * 7919L).append('\n');
        }
        java.io.ByteArrayOutputStream gzip = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gzip)) {
            out.write(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
        Path cut = folder.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(gzip.toByteArray(), gzip.size() / 2));
        ExportReader reader = reader(List.of(cut), ExportFormat.standard(), Map.of());
        assertThatThrownBy(() -> {
                    while (reader.next() != null) {
                        // read to the cut
                    }
                })
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage(cut + ": read failed (Unexpected end of ZLIB input stream)");
        reader.close();
    }

    @Test
    void aPlainDateInADateTimeColumnIsTheStartOfThatDayInTheRunsZone() throws IOException {
        Path file = write("c.csv", "id,created_at\ncust_1,2024-03-01\n");
        Customer customer = readAll(List.of(file), ExportFormat.standard(), Map.of())
                .customers()
                .get(0);
        assertThat(value(customer, "created_at", FieldType.DATETIME)).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
    }

    @Test
    void readsWindows1252AndLatin1WhenTheJobSaysSo() throws IOException {
        Path file = folder.resolve("excel.csv");
        Files.write(
                file,
                "id,address_city,name\r\ncust_1,München,Café “Zoë”\r\n".getBytes(Charset.forName("windows-1252")));
        ExportFormat windows = new ExportFormat(',', Map.of(), Charset.forName("windows-1252"));
        Customer customer =
                readAll(List.of(file), windows, Map.of()).customers().get(0);
        assertThat(value(customer, "address.city", FieldType.STRING)).isEqualTo("München");
        assertThat(customer.name()).isEqualTo("Café “Zoë”");

        Path latin1 = folder.resolve("latin1.csv");
        Files.write(
                latin1,
                "id,address_city\ncust_1,Kraków?\n".replace("ó", "\u00f3").getBytes(StandardCharsets.ISO_8859_1));
        Customer fromLatin1 = readAll(
                        List.of(latin1), new ExportFormat(',', Map.of(), StandardCharsets.ISO_8859_1), Map.of())
                .customers()
                .get(0);
        assertThat(value(fromLatin1, "address.city", FieldType.STRING)).isEqualTo("Kraków?");
    }

    @Test
    void aRowWithBytesThatAreNotUtf8IsRejectedWithItsLineAndByteOffsetAndNothingElseIsLost() throws IOException {
        Path file = folder.resolve("mixed.csv");
        byte[] header = "id,address_city\n".getBytes(StandardCharsets.UTF_8);
        byte[] good = "cust_1,Kraków\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = "cust_2,München\n".getBytes(Charset.forName("windows-1252"));
        byte[] after = "cust_3,Łódź\n".getBytes(StandardCharsets.UTF_8);
        Files.write(file, concat(header, good, bad, after));

        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_1", "cust_3");
        assertThat(value(read.customers().get(1), "address.city", FieldType.STRING))
                .isEqualTo("Łódź");
        long offsetOfU = header.length + good.length + "cust_2,M".length();
        assertThat(read.rejects()).singleElement().satisfies(reject -> {
            assertThat(reject.source().line()).isEqualTo(3);
            assertThat(reject.reason())
                    .contains("not valid UTF-8", "line 3", "byte offset " + offsetOfU, "input.encoding");
        });
    }

    @Test
    void aRealReplacementCharacterInUtf8IsNotABadByte() throws IOException {
        Path file = write("c.csv", "id,name\ncust_1,a\uFFFDb\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.rejects()).isEmpty();
        assertThat(read.customers().get(0).name()).isEqualTo("a\uFFFDb");
    }

    @Test
    void aHeaderThatIsNotValidInTheEncodingFailsBeforeAnyRowIsRead() throws IOException {
        Path file = folder.resolve("c.csv");
        Files.write(file, "id,Straße\ncust_1,x\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() ->
                        reader(List.of(file), ExportFormat.standard(), Map.of()).checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("byte offset 7");
    }

    @Test
    void aCarriageReturnInsideAQuotedCellIsKeptAsItIs() throws IOException {
        Path crlf = write(
                "crlf.csv",
                "id,description,name\r\ncust_1,\"one\rtwo\",A\r\ncust_2,\"three\r\nfour\nfive\",B\r\ncust_3,x,C\r\n");
        Read read = readAll(List.of(crlf), ExportFormat.standard(), Map.of());
        assertThat(read.rejects()).isEmpty();
        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_1", "cust_2", "cust_3");
        assertThat(value(read.customers().get(0), "description", FieldType.STRING))
                .isEqualTo("one\rtwo");
        assertThat(value(read.customers().get(1), "description", FieldType.STRING))
                .isEqualTo("three\r\nfour\nfive");
        assertThat(read.customers().get(1).name()).isEqualTo("B");
        assertThat(read.customers().get(2).source().line()).isEqualTo(6);

        Path oldMac = write("mac.csv", "id,name\rcust_1,A\rcust_2,\"B\rC\"\rcust_3,D");
        Read mac = readAll(List.of(oldMac), ExportFormat.standard(), Map.of());
        assertThat(mac.customers()).extracting(Customer::key).containsExactly("cust_1", "cust_2", "cust_3");
        assertThat(mac.customers().get(1).name()).isEqualTo("B\rC");
    }

    @Test
    void linesLongerThanTheReadBufferAndLinesAcrossItsEdgeAreReadWhole() throws IOException {
        StringBuilder content = new StringBuilder("id,description\n");
        String big = "x".repeat(300_000);
        content.append("cust_big,").append(big).append('\n');
        for (int i = 0; i < 20_000; i++) {
            content.append("cust_").append(i).append(",Ł").append(i).append("\r\n");
        }
        Path file = write("c.csv", content.toString());
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.rejects()).isEmpty();
        assertThat(read.customers()).hasSize(20_001);
        assertThat(value(read.customers().get(0), "description", FieldType.STRING))
                .isEqualTo(big);
        assertThat(read.customers())
                .allSatisfy(customer -> assertThat(customer.key()).doesNotContain("\r", "\n"));
        assertThat(value(read.customers().get(20_000), "description", FieldType.STRING))
                .isEqualTo("Ł19999");
        assertThat(read.reader().bytesRead()).isEqualTo(Files.size(file));
    }

    @Test
    void aNulCharacterOrAnOverlongIdentityRejectsItsRowOnly() throws IOException {
        String longId = "c".repeat(256);
        String longestId = "\uD83D\uDE00".repeat(255); // 255 code points, 510 UTF-16 units: allowed
        Path file = write(
                "c.csv",
                "id,source_id,name\n"
                        + "cust_1,s1,Ann\n"
                        + "cust_2,s2,Bo\0b\n"
                        + longId + ",s3,Cy\n"
                        + ",\"" + "s".repeat(3000) + "\",Di\n"
                        + longestId + ",s5,Ed\n"
                        + "cust_6,s6,Flo\n");
        Read read = readAll(List.of(file), ExportFormat.standard(), Map.of());
        assertThat(read.customers()).extracting(Customer::key).containsExactly("cust_1", longestId, "cust_6");
        assertThat(read.rejects()).extracting(reject -> reject.source().line()).containsExactly(3L, 4L, 5L);
        assertThat(read.rejects().get(0).reason()).contains("name", "NUL");
        assertThat(read.rejects().get(0).raw()).isEqualTo("cust_2,s2,Bo\u2400b").doesNotContain("\0");
        assertThat(read.rejects().get(1).reason()).contains("id", "256 characters", "at most 255");
        assertThat(read.rejects().get(2).reason()).contains("source_id", "3000 characters", "at most 255");
    }

    @Test
    void aHeaderWithNeitherIdNorSourceIdFailsBeforeAnyRowIsReadAndListsItsColumns() throws IOException {
        Path file = write("c.csv", "email,Address City,metadata\na@x.com,Berlin,{}\n");
        assertThatThrownBy(() ->
                        reader(List.of(file), ExportFormat.standard(), Map.of()).checkHeaders())
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("line 1")
                .hasMessageContaining("neither an id nor a source_id")
                .hasMessageContaining("'email', 'Address City', 'metadata'");
        Path mapped = write("m.csv", "Customer Number,email\nS-1,a@x.com\n");
        ExportFormat mapping = new ExportFormat(',', Map.of("Customer Number", "source_id"));
        assertThat(readAll(List.of(mapped), mapping, Map.of()).customers())
                .extracting(Customer::key)
                .containsExactly("S-1");
    }

    @Test
    void aPartitionOfAFileReplacedSinceTheRunStartedReadsNothingOfIt() throws IOException {
        Path file = write("c.csv", "id,name\ncust_1,Ann\ncust_2,Bob\n");
        String atTheStart = FileStamp.of(file).text();
        ExportReader unchanged = new ExportReader(
                        file, ExportFormat.standard(), key -> FieldType.UNTYPED, WARSAW, 19, 3, -1)
                .asWhenTheRunStarted(atTheStart);
        assertThat(unchanged.next().key()).isEqualTo("cust_2");
        unchanged.close();

        Files.writeString(file, "id,name\ncust_7,Eve\ncust_8,Fay\ncust_9,Gus\n");
        ExportReader late = new ExportReader(file, ExportFormat.standard(), key -> FieldType.UNTYPED, WARSAW, 19, 3, -1)
                .asWhenTheRunStarted(atTheStart);
        assertThatThrownBy(late::next)
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("c.csv: input changed since the run started (size:modified was 30:")
                .hasMessageContaining("now 41:")
                .hasMessageContaining("start a new run on the new file");
        late.close();
    }

    @Test
    void aFileThatGrowsWhileItIsReadFailsTheRead() throws IOException {
        Path file = write("c.csv", "id\ncust_1\ncust_2\n");
        ExportReader reader = reader(List.of(file), ExportFormat.standard(), Map.of());
        reader.checkHeaders();
        assertThat(reader.next().key()).isEqualTo("cust_1");
        Files.writeString(file, "cust_3\n", java.nio.file.StandardOpenOption.APPEND);
        assertThatThrownBy(() -> {
                    while (reader.next() != null) {
                        // read on to the end
                    }
                })
                .isInstanceOf(ExportFormatException.class)
                .hasMessageContaining("c.csv")
                .hasMessageContaining("input changed while it was read")
                .hasMessageContaining("size 17 bytes");
        reader.close();

        Path same = write("same.csv", "id\ncust_1\n");
        ExportReader untouched = reader(List.of(same), ExportFormat.standard(), Map.of());
        untouched.checkHeaders();
        assertThat(untouched.next().key()).isEqualTo("cust_1");
        assertThat(untouched.next()).isNull();
        untouched.close();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private Object value(Customer customer, String path, FieldType type) {
        return new CustomerFields().accessor(new FieldRef(path, type)).get(customer);
    }

    private Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static ExportReader reader(List<Path> files, ExportFormat format, Map<String, FieldType> schema) {
        return new ExportReader(files, format, key -> schema.getOrDefault(key, FieldType.UNTYPED), WARSAW);
    }

    private static Read readAll(List<Path> files, ExportFormat format, Map<String, FieldType> schema)
            throws IOException {
        ExportReader reader = reader(files, format, schema);
        reader.checkHeaders();
        List<Customer> customers = new ArrayList<>();
        List<RejectedRowException> rejects = new ArrayList<>();
        while (true) {
            try {
                Customer customer = reader.next();
                if (customer == null) {
                    break;
                }
                customers.add(customer);
            } catch (RejectedRowException e) {
                rejects.add(e);
            }
        }
        reader.close();
        return new Read(customers, rejects, reader);
    }
}
