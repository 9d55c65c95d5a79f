package io.segmentbatch.report;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes events as lines of {@code events.ndjson}, UTF-8 bytes straight from one streaming generator: no record bound
 * per event, and no second encoding for the outbox (JFR: databind and the encoders took 40% of publishing the 1M
 * bench's 6 million entered events).
 *
 * <p>Jackson's generator writes what differs from event to event; what a run's events share it writes once, to be
 * copied: the type, time and group of each type, and each segment's object. Strings that need no escape are copied
 * as their UTF-8 bytes ({@link #string}). A loop of 2 million events over 100 segments took 330 ns an event
 * against 725 ns property by property (JDK 17): half of it had been Jackson's escaping loop, character by character.
 */
public final class EventLines implements AutoCloseable {
    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString DATA = new SerializedString("data");
    private static final SerializableString CUSTOMER = new SerializedString("customer");
    private static final SerializableString SOURCE_ID = new SerializedString("source_id");
    private static final SerializableString NAME = new SerializedString("name");
    private static final SerializableString EMAIL = new SerializedString("email");
    private static final SerializableString OBJECT = new SerializedString("object");
    private static final SerializableString SEGMENT = new SerializedString("segment");
    private static final SerializableString CUSTOMER_OBJECT = new SerializedString("\"customer\"");

    private final Buffer buffer = new Buffer();
    private final JsonGenerator json = generator(buffer);

    /** By type: the properties after {@code id}, from {@code ,"type"} up to the group's value. */
    private final Map<String, Shared> headers = new HashMap<>();
    /** By segment ID: the segment's object. */
    private final Map<String, Shared> segments = new HashMap<>();

    /** A fragment of JSON written for {@code first} and {@code second}. */
    private record Shared(String first, String second, SerializableString json) {
        boolean isFor(String first, String second) {
            return this.first.equals(first) && this.second.equals(second);
        }
    }

    /** Writes one event; its JSON (no line break) is {@link #bytes()} up to {@link #length()} until the next. */
    public void write(
            String id,
            String type,
            String createdAt,
            String groupId,
            String customerId,
            @Nullable String sourceId,
            @Nullable String name,
            @Nullable String email,
            String segmentId,
            String segmentName) {
        buffer.reset();
        json.writeStartObject();
        json.writeName(ID);
        string(id);
        // raw, not a value: the generator then writes the comma before "data", as after any property
        json.writeRaw(header(type, createdAt, groupId));
        json.writeName(DATA);
        json.writeStartObject();
        json.writeName(CUSTOMER);
        json.writeStartObject();
        json.writeName(ID);
        string(customerId);
        json.writeName(SOURCE_ID);
        string(sourceId);
        json.writeName(NAME);
        string(name);
        json.writeName(EMAIL);
        string(email);
        json.writeName(OBJECT);
        json.writeRawValue(CUSTOMER_OBJECT);
        json.writeEndObject();
        json.writeName(SEGMENT);
        json.writeRawValue(segment(segmentId, segmentName));
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }

    /**
     * Writes a string value as {@code writeString} does. Jackson escapes only control characters, the quote and the
     * backslash, so a string with none of these is its own UTF-8 bytes between quotes; one with a surrogate is left to
     * Jackson too (UTF-8 has no bytes for a lone one). {@code EventLinesTests} holds the two ways to the same bytes.
     */
    private void string(@Nullable String value) {
        if (value == null) {
            json.writeNull();
        } else if (needsNoEscape(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            json.writeRawUTF8String(utf8, 0, utf8.length);
        } else {
            json.writeString(value);
        }
    }

    private static boolean needsNoEscape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private SerializableString header(String type, String createdAt, String groupId) {
        Shared known = headers.get(type);
        if (known == null || !known.isFor(createdAt, groupId)) {
            String object = object("type", type, "created_at", createdAt, "group_id", groupId);
            // {"type":…,"group_id":"…"} without its braces, after the comma that follows "id"'s value
            known = new Shared(
                    createdAt, groupId, new SerializedString("," + object.substring(1, object.length() - 1)));
            headers.put(type, known);
        }
        return known.json();
    }

    private SerializableString segment(String segmentId, String segmentName) {
        Shared known = segments.get(segmentId);
        if (known == null || !known.isFor(segmentId, segmentName)) {
            known = new Shared(
                    segmentId,
                    segmentName,
                    new SerializedString(object("id", segmentId, "name", segmentName, "object", "segment")));
            segments.put(segmentId, known);
        }
        return known.json();
    }

    /** The object of these string properties (name, value, name, value, …) as the events' generator writes it. */
    private static String object(String... namesAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = generator(out)) {
            generator.writeStartObject();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                generator.writeStringProperty(namesAndValues[i], namesAndValues[i + 1]);
            }
            generator.writeEndObject();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonGenerator generator(ByteArrayOutputStream out) {
        return ReportJson.MAPPER.writer().withRootValueSeparator("").createGenerator(out, JsonEncoding.UTF8);
    }

    public byte[] bytes() {
        return buffer.array();
    }

    public int length() {
        return buffer.size();
    }

    @Override
    public void close() {
        json.close();
    }

    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] array() {
            return buf;
        }
    }
}
