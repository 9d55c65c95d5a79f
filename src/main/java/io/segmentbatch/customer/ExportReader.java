package io.segmentbatch.customer;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180ParserBuilder;
import io.segmentbatch.filter.FieldType;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the customers of an export (one or more files read as one) in a single streaming pass.
 * {@link #next()} returns the next customer, throws {@link RejectedRowException} for a record that cannot be
 * read (and goes on with the next one on the following call), and returns null at the end.
 * <p>
 * A quoted cell that is not closed within {@value #MAX_RECORD_LINES} lines, or a record that spans several
 * lines and has the wrong number of cells or text after a closing quote, is taken to be a broken quote: its first
 * line is rejected and the lines after it are read again as records, so one stray quote does not swallow the rows
 * that follow it.
 */
public final class ExportReader implements AutoCloseable {
    static final int MAX_RECORD_LINES = 1000;

    private final List<Path> files;
    private final ExportFormat format;
    private final Function<String, FieldType> metadataSchema;
    private final ZoneId zone;
    private final AtomicLong bytesRead = new AtomicLong();
    private final long totalBytes;
    private final long startOffset;
    private final long startLine;
    private final long endOffset;
    private final RecordShape shape;
    private final List<FileStamp> stamps;
    private boolean stampsChecked;
    private @Nullable String runStamp;

    private int fileIndex = -1;
    private @Nullable PhysicalLines lines;

    @SuppressWarnings("NullAway.Init") // set by openNextFile, with lines, before a row is read
    private Header header;

    @SuppressWarnings("NullAway.Init")
    private CustomerParser parser;

    @SuppressWarnings("NullAway.Init")
    private ICSVParser csv;

    /** Whether an export file is read through gzip: its name ends in {@code .gz}, in any case. */
    public static boolean gzipped(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    public ExportReader(
            List<Path> files, ExportFormat format, Function<String, FieldType> metadataSchema, ZoneId zone) {
        this(files, format, metadataSchema, zone, 0, 1, -1);
    }

    /**
     * Reads one partition of a plain file: the records that start from byte {@code startOffset} (the start of line
     * {@code startLine}, where a record starts) up to, not including, {@code endOffset} (-1: the end of the file).
     * A record that starts before the end is read whole. See {@link RecordStarts}.
     */
    public ExportReader(
            Path file,
            ExportFormat format,
            Function<String, FieldType> metadataSchema,
            ZoneId zone,
            long startOffset,
            long startLine,
            long endOffset) {
        this(List.of(file), format, metadataSchema, zone, startOffset, startLine, endOffset);
    }

    private ExportReader(
            List<Path> files,
            ExportFormat format,
            Function<String, FieldType> metadataSchema,
            ZoneId zone,
            long startOffset,
            long startLine,
            long endOffset) {
        this.startOffset = startOffset;
        this.startLine = startLine;
        this.endOffset = endOffset;
        this.shape = new RecordShape(format.delimiter());
        this.files = List.copyOf(files);
        this.format = format;
        this.metadataSchema = metadataSchema;
        this.zone = zone;
        List<FileStamp> taken = new ArrayList<>(files.size());
        for (Path file : files) {
            taken.add(FileStamp.of(file));
        }
        this.stamps = List.copyOf(taken);
        this.totalBytes = stamps.stream().mapToLong(FileStamp::size).sum();
    }

    /**
     * This partition's file must be as it was when the run started ({@link FileStamp#text()}, as stored with the
     * run): a partition that starts late, on a thread that was busy or on a worker that joined late, would otherwise
     * read the byte range of a file replaced since, cut at record starts found in the old one.
     */
    public ExportReader asWhenTheRunStarted(@Nullable String stamp) {
        this.runStamp = stamp;
        return this;
    }

    /**
     * Checks every file's header before anything is read, so that a file that cannot be read fails the run first.
     * Returns the warnings about columns read as metadata.
     */
    public List<String> checkHeaders() {
        // one warning a column, naming every file that has it
        Map<String, List<Path>> unknown = new LinkedHashMap<>();
        for (Path file : files) {
            try (PhysicalLines probe = new PhysicalLines(file, new AtomicLong(), format.encoding())) {
                for (String column : readHeader(file, probe).unknownColumns()) {
                    unknown.computeIfAbsent(column, c -> new ArrayList<>()).add(file);
                }
            } catch (IOException e) {
                throw new ExportFormatException(file + ": cannot be read (" + FileFailures.reason(e) + ")", e);
            }
        }
        List<String> warnings = new ArrayList<>(unknown.size());
        unknown.forEach((column, in) ->
                warnings.add(in.stream().map(Path::toString).distinct().collect(Collectors.joining(", ")) + ": column '"
                        + column + "' is not an export column; read as metadata property '" + column + "'"));
        return warnings;
    }

    /** The next customer; null at the end of the last file. */
    // lines is open while a file is read: openNextFile opens it, and only next() and close() close it
    @SuppressWarnings("NullAway")
    public @Nullable Customer next() {
        try {
            while (true) {
                if (lines == null && !openNextFile()) {
                    checkUnchanged();
                    return null;
                }
                Customer customer = nextInFile();
                if (customer != null) {
                    return customer;
                }
                lines.close();
                lines = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(currentName() + ": read failed (" + FileFailures.reason(e) + ")", e);
        }
    }

    @SuppressWarnings("NullAway") // called by next() with lines open
    private @Nullable Customer nextInFile() throws IOException {
        PhysicalLines.Line first = lines.next();
        while (first != null && first.text().isBlank()) {
            first = lines.next();
        }
        if (first == null) {
            return null;
        }
        if (endOffset >= 0 && first.offset() >= endOffset) {
            lines.pushBack(List.of(first));
            return null;
        }
        RowSource source = new RowSource(currentName(), first.number());
        List<PhysicalLines.Line> record = new ArrayList<>(1);
        record.add(first);
        shape.reset();
        shape.feed(first.text());
        while (shape.pending()) {
            if (record.size() == MAX_RECORD_LINES) {
                throw brokenQuote(
                        source,
                        record,
                        "a quoted cell is still open after " + MAX_RECORD_LINES
                                + " lines (a record may span at most that many)");
            }
            PhysicalLines.Line line = lines.next();
            if (line == null) {
                throw brokenQuote(source, record, "a quoted cell is never closed");
            }
            record.add(line);
            shape.feed(line.text());
        }
        // a record of several lines whose cells do not add up, or with text after a closing quote (a stray quote
        // closed by the next quoted cell), is a broken quote before anything else: its first line is rejected and the
        // others are read again, as the partition scanner (which reads no characters) cuts them
        if (record.size() > 1 && shape.cells() != header.size()) {
            throw brokenQuote(
                    source,
                    record,
                    "a quoted cell runs over " + record.size() + " lines and leaves " + shape.cells()
                            + " cells where the header has " + header.size());
        }
        if (record.size() > 1 && shape.textAfterClosingQuote()) {
            throw brokenQuote(
                    source,
                    record,
                    "a quoted cell runs over " + record.size() + " lines and is closed by a quote with text after it");
        }
        PhysicalLines.Line malformed = firstMalformed(record);
        if (malformed != null) {
            throw new RejectedRowException(
                    source,
                    "bytes that are not valid " + format.encoding().name()
                            + " on line " + malformed.number() + " at byte offset " + malformed.malformedAt()
                            + " (counted from 0 at the start of the file); if the export is in another encoding, set"
                            + " input.encoding in the job file",
                    raw(record));
        }
        if (shape.cells() != header.size()) {
            throw new RejectedRowException(
                    source,
                    "expected " + header.size() + " cells as in the header, found " + shape.cells(),
                    first.text());
        }
        String raw = raw(record);
        String[] cells;
        try {
            // a record of several lines is parsed with its own line ends, so a cell keeps its CRs
            cells = csv.parseLine(record.size() > 1 ? withLineEnds(record) : first.text());
        } catch (IOException e) {
            throw new RejectedRowException(source, "broken quote: " + e.getMessage(), raw);
        }
        if (cells.length != header.size()) {
            throw new RejectedRowException(
                    source, "expected " + header.size() + " cells as in the header, found " + cells.length, raw);
        }
        try {
            return parser.parse(cells, source, raw, record.size());
        } catch (IllegalArgumentException e) {
            throw new RejectedRowException(source, String.valueOf(e.getMessage()), raw);
        }
    }

    private static PhysicalLines.@Nullable Line firstMalformed(List<PhysicalLines.Line> record) {
        for (PhysicalLines.Line line : record) {
            if (line.malformed()) {
                return line;
            }
        }
        return null;
    }

    private static String withLineEnds(List<PhysicalLines.Line> record) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < record.size(); i++) {
            text.append(record.get(i).text())
                    .append(i < record.size() - 1 ? record.get(i).ending() : "");
        }
        return text.toString();
    }

    @SuppressWarnings("NullAway") // called while a file is read, with lines open
    private RejectedRowException brokenQuote(RowSource source, List<PhysicalLines.Line> record, String why) {
        lines.pushBack(record.subList(1, record.size()));
        return new RejectedRowException(
                source, "broken quote: " + why, record.get(0).text());
    }

    private boolean openNextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        Path file = files.get(fileIndex);
        if (runStamp != null) {
            String now = stamps.get(fileIndex).text();
            if (!now.equals(runStamp)) {
                throw new ExportFormatException(file + ": input changed since the run started (size:modified was "
                        + runStamp + ", now " + now + "); a run reads one file, not parts of two: start a new run on"
                        + " the new file");
            }
        }
        if (startOffset > 0) {
            try (PhysicalLines probe = new PhysicalLines(file, new AtomicLong(), format.encoding())) {
                header = readHeader(file, probe);
            }
            lines = new PhysicalLines(file, bytesRead, format.encoding(), startOffset, startLine);
        } else {
            lines = new PhysicalLines(file, bytesRead, format.encoding());
            header = readHeader(file, lines);
        }
        parser = new CustomerParser(header, metadataSchema, zone);
        csv = newCsvParser();
        return true;
    }

    private Header readHeader(Path file, PhysicalLines source) throws IOException {
        PhysicalLines.Line first = source.next();
        if (first == null) {
            throw new ExportFormatException(file + ": the file is empty (a header row is required)");
        }
        if (first.text().isBlank()) {
            throw new ExportFormatException(file + " line 1: blank, where the header row must be");
        }
        if (first.malformed()) {
            if (startsWith(file, 0xff, 0xfe) || startsWith(file, 0xfe, 0xff)) {
                // Excel's "Unicode text" export; input.encoding takes no UTF-16
                throw new ExportFormatException(file + ": the file is UTF-16 (it begins with a UTF-16 byte-order"
                        + " mark); convert it to UTF-8 (iconv -f UTF-16 -t UTF-8), or export it as UTF-8 CSV");
            }
            if (startsWith(file, 0x1f, 0x8b)) {
                throw new ExportFormatException(file + ": the file is gzip-compressed (it starts with gzip's magic"
                        + " bytes) but its name does not end in .gz, so it was read as text; name it "
                        + file.getFileName() + ".gz, or uncompress it");
            }
            throw new ExportFormatException(file + " line 1: the header has bytes that are not valid "
                    + format.encoding().name() + " (byte offset " + first.malformedAt()
                    + "); if the export is in another encoding, set input.encoding in the job file");
        }
        RecordShape shape = new RecordShape(format.delimiter());
        shape.feed(first.text());
        if (shape.pending()) {
            // read as one line, the header would end inside the cell, and its next line would be taken for a customer
            throw new ExportFormatException(file + " line 1: the header has a quoted cell that is not closed on its"
                    + " line; a column name cannot hold a line break");
        }
        ICSVParser headerParser = newCsvParser();
        String[] cells = headerParser.parseLine(first.text());
        return Header.parse(file.toString(), cells, format);
    }

    private ICSVParser newCsvParser() {
        return new RFC4180ParserBuilder().withSeparator(format.delimiter()).build();
    }

    private String currentName() {
        return fileIndex >= 0 ? files.get(fileIndex).toString() : "";
    }

    private static String raw(List<PhysicalLines.Line> record) {
        if (record.size() == 1) {
            return record.get(0).text();
        }
        StringBuilder raw = new StringBuilder();
        for (PhysicalLines.Line line : record) {
            raw.append(raw.isEmpty() ? "" : "\n").append(line.text());
        }
        return raw.toString();
    }

    /**
     * At the end of the export: each file must still have the size and modification time it had when reading
     * started. An exporter still appending would otherwise give a run over part of the file.
     */
    private void checkUnchanged() {
        if (stampsChecked) {
            return;
        }
        stampsChecked = true;
        for (FileStamp before : stamps) {
            FileStamp after;
            try {
                after = FileStamp.of(before.file());
            } catch (ExportFormatException e) {
                // no cause: the run's error is the innermost message, and this one says what happened
                throw new ExportFormatException(before.file() + ": input changed while it was read (it is gone or"
                        + " cannot be read any more)");
            }
            if (!after.equals(before)) {
                throw new ExportFormatException(before.file() + ": input changed while it was read (size "
                        + before.size() + " bytes, modified " + before.modified() + " when reading started; now "
                        + after.size() + " bytes, modified " + after.modified() + ")");
            }
        }
    }

    /** The number of cells of a file's header, as records are checked against it. */
    public int headerSize(Path file) {
        try (PhysicalLines probe = new PhysicalLines(file, new AtomicLong(), format.encoding())) {
            return readHeader(file, probe).size();
        } catch (IOException e) {
            throw new ExportFormatException(file + ": cannot be read (" + FileFailures.reason(e) + ")", e);
        }
    }

    /** Whether the file's first bytes are these (gzip's magic bytes, a byte-order mark). */
    private static boolean startsWith(Path file, int first, int second) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == first && in.read() == second;
        } catch (IOException e) {
            return false;
        }
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
            lines = null;
        }
    }
}
