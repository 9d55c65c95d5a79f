package io.segmentbatch.sample;

/**
 * Customer ids of generated rows, Voucherify-shaped: {@code cust_} and 24 letters and digits. They
 * depend only on the seed and the row number, never repeat within a file (the first eleven
 * characters encode a bijective mix of the row number) and look random enough that sorting by id
 * shuffles the rows, as real ids do.
 */
final class GeneratorIds {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private final long salt;

    GeneratorIds(long seed) {
        this.salt = mix(seed ^ 0x5DEECE66DL);
    }

    void append(StringBuilder out, long index) {
        out.append("cust_");
        long unique = mix(index + salt);
        base62(out, unique, 11);
        long filler = mix(unique ^ salt);
        base62(out, filler, 10);
        base62(out, mix(filler + 0x9E3779B97F4A7C15L), 3);
    }

    /**
     * The lowest {@code digits} base-62 digits of {@code value} read as unsigned, least significant
     * first. The first quotient is taken as {@code (value >>> 1) / 31}, which equals the unsigned
     * {@code value / 62} and leaves a positive long, so that every division is by a constant the JIT
     * turns into a multiplication ({@code Long.divideUnsigned} made ids a fifth of the row's cost).
     */
    private static void base62(StringBuilder out, long value, int digits) {
        long rest = (value >>> 1) / 31;
        out.append(ALPHABET.charAt((int) (value - rest * 62)));
        for (int i = 1; i < digits; i++) {
            long next = rest / 62;
            out.append(ALPHABET.charAt((int) (rest - next * 62)));
            rest = next;
        }
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values that scatters neighbouring inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
