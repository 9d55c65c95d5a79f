package io.segmentbatch.customer;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file or folder could not be read or written, in a few words: Java's file exceptions often carry only the
 * path as their message, so an unreadable export said {@code c.csv: cannot be read (/in/c.csv)}.
 */
public final class FileFailures {
    private FileFailures() {}

    /** {@code permission denied}, {@code no such file}, the file system's reason, or the exception's message. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        if (e instanceof FileSystemException failed && failed.getReason() != null) {
            return failed.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
