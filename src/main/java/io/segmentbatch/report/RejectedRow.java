package io.segmentbatch.report;

/** A row the run rejected, as {@code rejects.csv} and the HTML report show it. */
public record RejectedRow(String file, long line, String reason, String raw) {}
