package io.segmentbatch.store;

/** A row a run rejected ({@code sb_reject}): where it was, why, and the row as read. */
public record StoredReject(String file, long line, String reason, String raw) {}
