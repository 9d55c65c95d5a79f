package io.segmentbatch.segment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Voucherify-style IDs: a prefix and 24 letters and digits. */
public final class SegmentIds {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SegmentIds() {}

    /** A new random segment ID, {@code seg_} and 24 letters and digits. */
    public static String newSegmentId() {
        return random("seg_");
    }

    public static String random(String prefix) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** An ID derived from its parts, the same every time: what makes a re-emitted event keep its ID. */
    public static String derived(String prefix, String... parts) {
        return new Deriver().derive(prefix, parts);
    }

    /**
     * Derives IDs with one SHA-256 digest of its own (not thread-safe): looking the algorithm up for every one of a
     * run's events cost as much as hashing it (JFR).
     */
    public static final class Deriver {
        private final MessageDigest digest;

        public Deriver() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }

        /** The same ID as {@link SegmentIds#derived}. */
        public String derive(String prefix, String... parts) {
            digest.reset();
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] hash = digest.digest();
            char[] id = new char[prefix.length() + 24];
            prefix.getChars(0, prefix.length(), id, 0);
            for (int i = 0; i < 24; i++) {
                id[prefix.length() + i] = ALPHABET[(hash[i] & 0xff) % ALPHABET.length];
            }
            return new String(id);
        }
    }
}
