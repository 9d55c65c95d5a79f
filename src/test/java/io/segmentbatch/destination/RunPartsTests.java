package io.segmentbatch.destination;

import io.segmentbatch.report.JobReport;
import io.segmentbatch.report.SegmentObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunPartsTests {

    @TempDir
    Path folder;

    @Test
    void byDefaultEveryStaticSegmentOfTheRunIsPushedTheJobsOwnToo() throws IOException {
        Files.createDirectories(folder.resolve("segments"));
        for (String file : List.of("seg_w1.csv", "seg_w2.csv", "seg_beta.csv")) {
            Files.writeString(folder.resolve("segments").resolve(file), "id,source_id\ncust_1,\n");
        }
        JobReport.SegmentEntry warsaw = new JobReport.SegmentEntry(
                segment("seg_w", "Warsaw", "auto-update"),
                2,
                null,
                null,
                null,
                List.of(
                        new JobReport.StaticSegment(
                                segment("seg_w1", "Warsaw (1/2)", "static"), 1, "segments/seg_w1.csv"),
                        new JobReport.StaticSegment(
                                segment("seg_w2", "Warsaw (2/2)", "static"), 1, "segments/seg_w2.csv")),
                null);
        JobReport.SegmentEntry beta = new JobReport.SegmentEntry(
                segment("seg_beta", "Beta", "static"), 1, null, null, null, null, "segments/seg_beta.csv");
        JobReport report = new JobReport("report", null, null, List.of(warsaw, beta));

        assertThat(RunParts.of(report, folder, null))
                .as("the jobs spec: every static segment of the run is created")
                .extracting(RunParts.Part::name)
                .containsExactly("Warsaw (1/2)", "Warsaw (2/2)", "Beta");
        assertThat(RunParts.of(report, folder, List.of("Beta")))
                .extracting(RunParts.Part::name)
                .containsExactly("Beta");
        assertThat(RunParts.of(report, folder, List.of("Warsaw")))
                .extracting(RunParts.Part::name)
                .containsExactly("Warsaw (1/2)", "Warsaw (2/2)");
    }

    private static SegmentObject segment(String id, String name, String type) {
        return new SegmentObject(id, name, "2026-11-01T12:00:00.000Z", type, null, "DONE", "segment");
    }
}
