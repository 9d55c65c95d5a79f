package io.segmentbatch.customer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why reading a file failed, in words: the JDK's file exceptions often carry only the file's path as message. */
public final class IoFailures {
    private IoFailures() {}

    /** {@code permission denied}, {@code no such file}, the file system's reason, or the exception's message. */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof FileSystemException files && files.getReason() != null) {
            return files.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
