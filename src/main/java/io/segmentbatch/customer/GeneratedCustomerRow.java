package io.segmentbatch.customer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Makes up one customer a call and appends it to the CSV text, in the order of
 * {@link CustomerGenerator#HEADER}. Everything comes from one {@link SplittableRandom} seeded once,
 * except the {@code id}, which is a function of the seed and the row number alone.
 */
final class GeneratedCustomerRow {

    /** Everything is relative to this date, not to today, so that a seed always gives the same file. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 1);
    private static final long REFERENCE_MILLIS = REFERENCE_DATE.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static final long FIRST_SIGNUP_MILLIS = REFERENCE_DATE.minusYears(5).atStartOfDay(ZoneOffset.UTC)
        .toInstant().toEpochMilli();
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] DESCRIPTIONS = {"Prefers pickup in store", "Wholesale account, invoiced monthly",
        "Imported from the old CRM, address unverified", "Asked not to be called", "VIP – handle with care",
        "Complained about a late delivery", "Pays by bank transfer", "Loyalty card lost, reissued"};
    private static final long[] LEAP_DAYS = leapDays();

    private final SplittableRandom random;
    private final long idSalt;
    private final GeneratorNames names = new GeneratorNames();
    private final GeneratorPlaces places = new GeneratorPlaces();
    private final GeneratorCsv csv;

    GeneratedCustomerRow(long seed, GeneratorCsv csv) {
        this.random = new SplittableRandom(seed);
        this.idSalt = mix(seed ^ 0x5DEECE66DL);
        this.csv = csv;
    }

    void append(long index) {
        id(csv.cell(), index);
        sourceId(index);
        GeneratorPlaces.City city = places.city(random);
        int language = random.nextInt(10) == 0 ? random.nextInt(GeneratorNames.LANGUAGES) : city.country().language();
        boolean female = random.nextBoolean();
        String first = names.first(random, language, female);
        String last = names.last(random, language, female);
        if (random.nextInt(100) == 0) {
            csv.empty();
        } else {
            csv.cell().append(first).append(' ').append(last);
        }
        csv.text(random.nextInt(25) == 0 ? DESCRIPTIONS[random.nextInt(DESCRIPTIONS.length)] : null);
        email(names.ascii(first), names.ascii(last), city.country());
        if (random.nextInt(100) < 78) {
            GeneratorPlaces.fill(csv.cell(), city.country().phonePattern(), random);
        } else {
            csv.empty();
        }
        double signup = random.nextInt(10) < 3 ? random.nextDouble() : Math.sqrt(random.nextDouble());
        long createdAt = FIRST_SIGNUP_MILLIS + (long) ((REFERENCE_MILLIS - FIRST_SIGNUP_MILLIS) * signup);
        GeneratorOrders orders = GeneratorOrders.generate(random, createdAt, REFERENCE_MILLIS);
        csv.instant(createdAt);
        csv.instant(updatedAt(createdAt, orders.lastOrderAt()));
        birthdate();
        address(city);
        csv.number(orders.redeemed());
        csv.number(orders.totalAmount());
        csv.number(orders.count());
        csv.number(orders.averageAmount());
        optionalNumber(orders.lastAmount());
        if (orders.lastOrderAt() < 0) {
            csv.empty();
        } else {
            csv.instant(orders.lastOrderAt());
        }
        optionalNumber(orders.loyaltyPoints());
        long consentDay = createdAt / MILLIS_PER_DAY + random.nextInt(60);
        GeneratorMetadata.append(csv, random, language, orders.totalAmount(), consentDay);
        csv.endRow();
    }

    /**
     * {@code cust_} and 24 letters and digits: the first eleven encode a bijective mix of the row
     * number (so ids never repeat within a file), the other thirteen are filler from a second mix.
     */
    private void id(StringBuilder out, long index) {
        out.append("cust_");
        long unique = mix(index + idSalt);
        base62(out, unique, 11);
        long filler = mix(unique ^ idSalt);
        base62(out, filler, 10);
        base62(out, mix(filler + 0x9E3779B97F4A7C15L), 3);
    }

    /** The lowest {@code digits} base-62 digits of {@code value}, least significant first. */
    private static void base62(StringBuilder out, long value, int digits) {
        for (int i = 0; i < digits; i++) {
            out.append(ID_ALPHABET.charAt((int) Long.remainderUnsigned(value, 62)));
            value = Long.divideUnsigned(value, 62);
        }
    }

    private void sourceId(long index) {
        if (random.nextInt(25) == 0) {
            csv.empty();
            return;
        }
        StringBuilder out = csv.cell().append("CRM-");
        long number = index + 1;
        for (long limit = 10_000_000L; limit > 1 && number < limit; limit /= 10) {
            out.append('0');
        }
        out.append(number);
    }

    private void email(String first, String last, GeneratorPlaces.Country country) {
        StringBuilder out = csv.cell();
        if (random.nextInt(25) == 0) {
            return;
        }
        int pattern = random.nextInt(20);
        if (pattern < 8) {
            out.append(first).append('.').append(last);
        } else if (pattern < 11) {
            out.append(first).append(last);
        } else if (pattern < 13) {
            out.append(first.charAt(0)).append('.').append(last);
        } else if (pattern < 16) {
            out.append(first).append('.').append(last).append(random.nextInt(100));
        } else if (pattern < 18) {
            out.append(last).append('.').append(first);
        } else {
            out.append(first).append('_').append(last).append(1960 + random.nextInt(46));
        }
        out.append('@').append(GeneratorPlaces.emailDomain(random, country));
    }

    private long updatedAt(long createdAt, long lastOrderAt) {
        if (random.nextInt(100) < 15) {
            return Math.max(createdAt, lastOrderAt);
        }
        double back = random.nextDouble();
        long updatedAt = createdAt + (long) ((REFERENCE_MILLIS - createdAt) * (1 - back * back));
        return Math.max(updatedAt, lastOrderAt);
    }

    /** 18% unknown; 0.5% born on a 29 February; the others 18 to 75 years old, most about 40. */
    private void birthdate() {
        int kind = random.nextInt(1000);
        if (kind < 180) {
            csv.empty();
        } else if (kind < 185) {
            csv.date(LEAP_DAYS[random.nextInt(LEAP_DAYS.length)]);
        } else {
            double age = 18 + 57 * Math.pow((random.nextDouble() + random.nextDouble()) / 2, 1.2);
            csv.date(REFERENCE_DATE.toEpochDay() - (long) (age * 365.2425));
        }
    }

    /** 3% have no city: half of those no address at all, half only a country. */
    private void address(GeneratorPlaces.City city) {
        int kind = random.nextInt(200);
        if (kind < 3) {
            csv.empty();
            csv.empty();
            csv.empty();
            return;
        }
        if (kind < 6) {
            csv.empty();
            csv.text(city.country().name());
            csv.empty();
            return;
        }
        csv.text(city.name());
        csv.text(city.country().name());
        GeneratorPlaces.fill(csv.cell(), city.postalPattern(), random);
    }

    private void optionalNumber(long value) {
        if (value < 0) {
            csv.empty();
        } else {
            csv.number(value);
        }
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values that scatters neighbouring inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long[] leapDays() {
        long[] days = new long[12];
        for (int i = 0; i < days.length; i++) {
            days[i] = LocalDate.of(1960 + 4 * i, 2, 29).toEpochDay();
        }
        return days;
    }
}
