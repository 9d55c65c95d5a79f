package io.segmentbatch.segment;

import java.util.Arrays;
import java.util.Optional;

/** Voucherify's segment types. Only {@code auto-update} segments announce who entered and left. */
public enum SegmentType {
    AUTO_UPDATE("auto-update"),
    PASSIVE("passive"),
    STATIC("static");

    private final String json;

    SegmentType(String json) {
        this.json = json;
    }

    /** The name used in JSON ({@code auto-update}, {@code passive}, {@code static}). */
    public String json() {
        return json;
    }

    /** The name with its article, for messages: "an auto-update", "a passive", "a static". */
    public String withArticle() {
        return (this == AUTO_UPDATE ? "an " : "a ") + json;
    }

    public boolean hasFilter() {
        return this != STATIC;
    }

    public static Optional<SegmentType> fromJson(String value) {
        return Arrays.stream(values()).filter(type -> type.json.equals(value)).findFirst();
    }
}
