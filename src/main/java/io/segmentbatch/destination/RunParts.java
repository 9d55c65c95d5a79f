package io.segmentbatch.destination;

import com.opencsv.CSVReader;
import io.segmentbatch.report.JobReport;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The static segments of a committed run, from its report and member files ({@code segments/<id>.csv}, header
 * {@code id,source_id}): what a voucherify destination creates. A part's hash is the SHA-256 of its file, so an
 * unchanged part (same members, same name) is recognised without reading the previous run.
 */
final class RunParts {
    private RunParts() {}

    /** One static segment: its local ID and name, the segment it was cut from, and its member file. */
    record Part(String localId, String name, String parentId, String parentName, Path file, String hash) {
        /** The customers to send: each member's {@code id}, or its {@code source_id} when it has none. */
        List<String> customers() {
            List<String> customers = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    CSVReader csv = new CSVReader(reader)) {
                String[] row = csv.readNext();
                while ((row = csv.readNext()) != null) {
                    String id = row.length > 0 && !row[0].isEmpty() ? row[0] : row.length > 1 ? row[1] : "";
                    if (!id.isEmpty()) {
                        customers.add(id);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the member file " + file, e);
            } catch (com.opencsv.exceptions.CsvValidationException e) {
                throw new IllegalStateException("cannot read the member file " + file + ": " + e.getMessage(), e);
            }
            return customers;
        }
    }

    /**
     * The parts of the named segments ({@code null}: every static segment of the run, as the jobs spec has it: the
     * parts cut from every filter segment and the job's own static segments), in report order. A job's own static
     * segment is one part.
     */
    static List<Part> of(JobReport report, Path runFolder, @Nullable List<String> segmentNames) {
        List<Part> parts = new ArrayList<>();
        for (JobReport.SegmentEntry entry : report.segments()) {
            String name = entry.segment().name();
            List<JobReport.StaticSegment> chunks = entry.staticSegments();
            if (segmentNames != null && !segmentNames.contains(name)) {
                continue;
            }
            if (chunks != null) {
                for (JobReport.StaticSegment cut : chunks) {
                    parts.add(part(cut.segment().id(), cut.segment().name(), entry, runFolder.resolve(cut.file())));
                }
            } else if (entry.file() != null) {
                parts.add(part(entry.segment().id(), name, entry, runFolder.resolve(entry.file())));
            }
        }
        return parts;
    }

    private static Part part(String id, String name, JobReport.SegmentEntry parent, Path file) {
        return new Part(id, name, parent.segment().id(), parent.segment().name(), file, sha256(file));
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the member file " + file + " (is the run folder still there?)", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
