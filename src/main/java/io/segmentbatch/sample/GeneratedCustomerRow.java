package io.segmentbatch.sample;

import java.util.SplittableRandom;

/**
 * Makes up one customer a call and appends it to the CSV text, in the order of
 * {@link CustomerGenerator#HEADER}. Everything comes from one {@link SplittableRandom} seeded once,
 * called in a fixed order, except the {@code id} ({@link GeneratorIds}).
 */
final class GeneratedCustomerRow {

    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final String[] DESCRIPTIONS = {
        "Prefers pickup in store",
        "Wholesale account, invoiced monthly",
        "Imported from the old CRM, address unverified",
        "Asked not to be called",
        "VIP – handle with care",
        "Complained about a late delivery",
        "Pays by bank transfer",
        "Loyalty card lost, reissued"
    };

    private final SplittableRandom random;
    private final GeneratorIds ids;
    private final GeneratorNames names = new GeneratorNames();
    private final GeneratorPlaces places = new GeneratorPlaces();
    private final GeneratorCsv csv;

    GeneratedCustomerRow(long seed, GeneratorCsv csv) {
        this.random = new SplittableRandom(seed);
        this.ids = new GeneratorIds(seed);
        this.csv = csv;
    }

    void append(long index) {
        ids.append(csv.cell(), index);
        sourceId(index);
        GeneratorPlaces.City city = places.city(random);
        int language = random.nextInt(10) == 0
                ? random.nextInt(GeneratorNames.LANGUAGES)
                : city.country().language();
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
        long createdAt = GeneratorDates.createdAt(random);
        GeneratorOrders orders = GeneratorOrders.generate(random, createdAt, GeneratorDates.REFERENCE_MILLIS);
        csv.instant(createdAt);
        csv.instant(GeneratorDates.updatedAt(random, createdAt, orders.lastOrderAt()));
        long birthdate = GeneratorDates.birthdate(random);
        if (birthdate == GeneratorDates.NO_DATE) {
            csv.empty();
        } else {
            csv.date(birthdate);
        }
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
}
