package io.segmentbatch.sample;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The dates of a generated customer, all relative to a fixed reference date rather than to today,
 * so that a seed always gives the same file: sign-ups over the five years before it, more of
 * them recently; updates skewed towards it; birthdates of adults, some on 29 February.
 */
final class GeneratorDates {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 1);
    static final long REFERENCE_MILLIS =
            REFERENCE_DATE.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    /** What {@link #birthdate} returns for an unknown birthdate. */
    static final long NO_DATE = Long.MIN_VALUE;

    private static final long FIRST_SIGNUP_MILLIS = REFERENCE_DATE
            .minusYears(5)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
    private static final long[] LEAP_DAYS = leapDays();

    private GeneratorDates() {}

    /** Epoch millis of the sign-up: 30% uniform over five years, 70% with a density that grows linearly. */
    static long createdAt(SplittableRandom random) {
        double signup = random.nextInt(10) < 3 ? random.nextDouble() : Math.sqrt(random.nextDouble());
        return FIRST_SIGNUP_MILLIS + (long) ((REFERENCE_MILLIS - FIRST_SIGNUP_MILLIS) * signup);
    }

    /** 15% never updated after sign-up (or their last order); the rest mostly recently. */
    static long updatedAt(SplittableRandom random, long createdAt, long lastOrderAt) {
        if (random.nextInt(100) < 15) {
            return Math.max(createdAt, lastOrderAt);
        }
        double back = random.nextDouble();
        long updatedAt = createdAt + (long) ((REFERENCE_MILLIS - createdAt) * (1 - back * back));
        return Math.max(updatedAt, lastOrderAt);
    }

    /** Epoch day, or {@link #NO_DATE} (18%); 0.5% born on a 29 February; the others 18 to 75, most about 40. */
    static long birthdate(SplittableRandom random) {
        int kind = random.nextInt(1000);
        if (kind < 180) {
            return NO_DATE;
        }
        if (kind < 185) {
            return LEAP_DAYS[random.nextInt(LEAP_DAYS.length)];
        }
        double age = 18 + 57 * Math.pow((random.nextDouble() + random.nextDouble()) / 2, 1.2);
        return REFERENCE_DATE.toEpochDay() - (long) (age * 365.2425);
    }

    private static long[] leapDays() {
        long[] days = new long[12];
        for (int i = 0; i < days.length; i++) {
            days[i] = LocalDate.of(1960 + 4 * i, 2, 29).toEpochDay();
        }
        return days;
    }
}
