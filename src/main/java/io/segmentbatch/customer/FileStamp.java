package io.segmentbatch.customer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/** A file's size and modification time at one moment, to tell whether it changed since. */
public record FileStamp(Path file, long size, Instant modified) {

    /** The file's stamp now; an {@link ExportFormatException} when it is missing or unreadable. */
    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(
                    file, attributes.size(), attributes.lastModifiedTime().toInstant());
        } catch (NoSuchFileException e) {
            throw new ExportFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new ExportFormatException(file + ": cannot be read (" + FileFailures.reason(e) + ")", e);
        }
    }

    /** As stored with a run: {@code size:modified-epoch-millis}. */
    public String text() {
        return size + ":" + modified.toEpochMilli();
    }

    /** The stamp of {@code file} that {@link #text} wrote. */
    public static FileStamp parse(Path file, String text) {
        int colon = text.indexOf(':');
        return new FileStamp(
                file,
                Long.parseLong(text.substring(0, colon)),
                Instant.ofEpochMilli(Long.parseLong(text.substring(colon + 1))));
    }
}
