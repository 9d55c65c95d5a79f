package io.segmentbatch.segment;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The static segment file writer: members in identity order cut into files of at most n members, named k/n. */
class PartFilesTests {
    private static final CatalogSegment WARSAW = segment(1, "seg_warsaw", "Warsaw");

    @TempDir
    Path runFolder;

    private final List<Integer> partsAskedFor = new ArrayList<>();

    private final FileWrites writes = new FileWrites();

    @AfterEach
    void stopWriting() {
        writes.close();
    }

    @Test
    void membersAreCutIntoPartsOfAtMostTheSizeNamedKOfNEachInAFileOfItsOwn() throws IOException {
        PartFiles files = new PartFiles(runFolder, WARSAW, this::part, 2, writes);
        for (String key : List.of("cust_a", "cust_c", "cust_e", "cust_h", "src_f")) {
            files.add(member(key));
        }
        files.close();
        writes.finish();

        List<SegmentOutcome.Part> parts = files.parts();
        assertThat(partsAskedFor)
                .as("each part's segment is asked for once, when it opens")
                .containsExactly(1, 2, 3);
        assertThat(parts)
                .extracting(SegmentOutcome.Part::name)
                .containsExactly("Warsaw (1/3)", "Warsaw (2/3)", "Warsaw (3/3)");
        assertThat(parts).extracting(SegmentOutcome.Part::customers).containsExactly(2, 2, 1);
        assertThat(parts).extracting(SegmentOutcome.Part::firstKey).containsExactly("cust_a", "cust_e", "src_f");
        assertThat(parts).extracting(SegmentOutcome.Part::lastKey).containsExactly("cust_c", "cust_h", "src_f");
        assertThat(parts)
                .extracting(chunk -> chunk.segment().id())
                .containsExactly("seg_part_1", "seg_part_2", "seg_part_3");
        assertThat(parts)
                .extracting(SegmentOutcome.Part::file)
                .containsExactly("segments/seg_part_1.csv", "segments/seg_part_2.csv", "segments/seg_part_3.csv");
        assertThat(lines("segments/seg_part_1.csv"))
                .containsExactly("id,source_id", "cust_a,src_cust_a", "cust_c,src_cust_c");
        assertThat(lines("segments/seg_part_3.csv")).containsExactly("id,source_id", "src_f,src_src_f");
    }

    @Test
    void exactlyTheSizeMakesOnePartAndNoMembersMakeNone() {
        PartFiles full = new PartFiles(runFolder, WARSAW, this::part, 2, writes);
        full.add(member("a"));
        full.add(member("b"));
        full.close();
        PartFiles empty = new PartFiles(runFolder, segment(2, "seg_empty", "Empty"), this::part, 2, writes);
        empty.close();

        assertThat(full.parts()).extracting(SegmentOutcome.Part::name).containsExactly("Warsaw (1/1)");
        assertThat(empty.parts()).isEmpty();
        assertThat(partsAskedFor).containsExactly(1);
    }

    @Test
    void cellsAreQuotedOnlyWhenTheyHoldACommaAQuoteOrALineBreakAndAMissingIdIsAnEmptyCell() {
        assertThat(line(new MemberInfo("k", "plain", "src", null, null))).isEqualTo("plain,src\n");
        assertThat(line(new MemberInfo("k", "a,b", "say \"hi\"", null, null)))
                .isEqualTo("\"a,b\",\"say \"\"hi\"\"\"\n");
        assertThat(line(new MemberInfo("k", "two\nlines", "cr\r", null, null))).isEqualTo("\"two\nlines\",\"cr\r\"\n");
        assertThat(line(new MemberInfo("src_f", null, "src_f", null, null))).isEqualTo(",src_f\n");
        assertThat(line(new MemberInfo("cust_x", "cust_x", null, null, null))).isEqualTo("cust_x,\n");
        assertThat(line(new MemberInfo("k", "Łódź 😀", "ß", null, null)))
                .as("UTF-8")
                .isEqualTo("Łódź 😀,ß\n");
    }

    @Test
    void everyThousandthMemberOfAPartIsAnAnchorForPagingDeepIntoIt() {
        PartFiles files = new PartFiles(runFolder, WARSAW, this::part, 20_000, writes);
        List<String> keys = IntStream.range(0, 2_500)
                .mapToObj(i -> "cust_%05d".formatted(i))
                .toList();
        keys.forEach(key -> files.add(member(key)));
        files.close();

        SegmentOutcome.Part part = files.parts().get(0);
        assertThat(part.customers()).isEqualTo(2_500);
        assertThat(part.anchors())
                .containsExactly(
                        keys.get(SegmentOutcome.Part.ANCHOR_EVERY), keys.get(2 * SegmentOutcome.Part.ANCHOR_EVERY));
    }

    @Test
    void aJobsStaticSegmentIsOneFileUnderItsOwnIdAndKeepsItsName() throws IOException {
        CatalogSegment beta = segment(3, "seg_beta", "Beta");
        PartFiles file = PartFiles.single(runFolder, beta, writes);
        IntStream.range(0, 25_000).forEach(i -> file.add(member("c" + i)));
        file.close();
        writes.finish();

        assertThat(file.parts()).singleElement().satisfies(chunk -> {
            assertThat(chunk.name()).isEqualTo("Beta");
            assertThat(chunk.segment()).isSameAs(beta);
            assertThat(chunk.customers()).isEqualTo(25_000);
            assertThat(chunk.file()).isEqualTo("segments/seg_beta.csv");
        });
        assertThat(lines("segments/seg_beta.csv")).hasSize(25_001);
    }

    @Test
    void aFileHoldsEveryMemberWholeAndInOrderWhateverTheLengthOfItsLine() throws IOException {
        PartFiles file = PartFiles.single(runFolder, segment(4, "seg_long", "Long"), writes);
        List<String> expected = new ArrayList<>(List.of("id,source_id"));
        for (int i = 0; i < 5_000; i++) {
            String key = "c%05d".formatted(i);
            // a few lines longer than the writer's buffer, the others across its boundaries
            String source = i % 1000 == 7 ? "s".repeat(70_000 + i) : "src_" + key;
            file.add(new MemberInfo(key, key, source, null, null));
            expected.add(key + "," + source);
        }
        file.close();
        writes.finish();

        assertThat(lines("segments/seg_long.csv")).containsExactlyElementsOf(expected);
    }

    @Test
    void aFileThatCannotBeWrittenFailsThePassNamingIt() throws IOException {
        Files.writeString(runFolder.resolve("segments"), "a file where the folder should be");
        PartFiles files = new PartFiles(runFolder, WARSAW, this::part, 2, writes);

        // the writer's next call after the failure reports it, or finish does
        assertThatThrownBy(() -> {
                    files.add(member("cust_a"));
                    files.close();
                    writes.finish();
                })
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write segments/seg_part_1.csv");
    }

    private CatalogSegment part(int k) {
        partsAskedFor.add(k);
        return segment(100 + k, "seg_part_" + k, "part " + k);
    }

    private List<String> lines(String file) throws IOException {
        return Files.readAllLines(runFolder.resolve(file));
    }

    private static String line(MemberInfo member) {
        return new String(PartFiles.line(member), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static MemberInfo member(String key) {
        return new MemberInfo(key, key, "src_" + key, null, null);
    }

    static CatalogSegment segment(long segNo, String id, String name) {
        return new CatalogSegment(
                segNo, id, name, SegmentType.AUTO_UPDATE, Instant.parse("2026-11-01T00:00:00Z"), null);
    }
}
