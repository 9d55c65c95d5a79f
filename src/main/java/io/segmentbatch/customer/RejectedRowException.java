package io.segmentbatch.customer;

/**
 * A record of an export that cannot be read: it joins no segment and goes to the run's rejects file. A NUL in
 * the raw text is kept as U+2400 (␀): the database cannot store NUL, and the reason says where it was.
 */
public class RejectedRowException extends RuntimeException {
    private final RowSource source;
    private final String reason;
    private final String raw;

    public RejectedRowException(RowSource source, String reason, String raw) {
        super(source.file() + " line " + source.line() + ": " + reason);
        this.source = source;
        this.reason = reason;
        this.raw = raw.indexOf('\0') >= 0 ? raw.replace('\0', '\u2400') : raw;
    }

    public RowSource source() {
        return source;
    }

    public String reason() {
        return reason;
    }

    public String raw() {
        return raw;
    }
}
