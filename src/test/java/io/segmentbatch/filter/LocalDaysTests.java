package io.segmentbatch.filter;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Days of date-times in a zone, from the offset table, are those of {@code java.time}. */
class LocalDaysTests {

    private static final String[] ZONES = {
        "UTC",
        "Europe/Warsaw",
        "America/New_York",
        "Australia/Lord_Howe",
        "Asia/Kolkata",
        "Pacific/Kiritimati",
        "America/St_Johns",
        "Africa/Casablanca",
        "+05:45",
        "-03:00"
    };

    @Test
    void dayOfAnInstantIsItsLocalDateInTheZone() {
        Random random = new Random(11);
        long from = Instant.parse("1850-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2150-01-01T00:00:00Z").getEpochSecond();
        for (String name : ZONES) {
            ZoneId zone = ZoneId.of(name);
            LocalDays days = LocalDays.forZone(zone);
            for (int i = 0; i < 20_000; i++) {
                Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
                assertThat(days.ofInstant(instant))
                        .as("%s in %s", instant, zone)
                        .isEqualTo(LocalDate.ofInstant(instant, zone).toEpochDay());
            }
            zone.getRules().getTransitions().forEach(transition -> {
                Instant at = transition.getInstant();
                for (Instant instant : new Instant[] {at.minusSeconds(1), at, at.plusSeconds(1)}) {
                    assertThat(days.ofInstant(instant))
                            .as("%s in %s", instant, zone)
                            .isEqualTo(LocalDate.ofInstant(instant, zone).toEpochDay());
                }
            });
        }
    }

    @Test
    void readsEveryKindOfDateValue() {
        LocalDays days = LocalDays.forZone(ZoneId.of("Europe/Warsaw"));
        long march15 = LocalDate.of(2024, 3, 15).toEpochDay();

        assertThat(days.of(LocalDate.of(2024, 3, 15))).isEqualTo(march15);
        assertThat(days.of(Instant.parse("2024-03-14T23:30:00Z"))).isEqualTo(march15);
        assertThat(days.of("2024-03-15")).isEqualTo(march15);
        assertThat(days.of("2024-03-14T23:30:00Z")).isEqualTo(march15);
        assertThat(days.of(LocalDateTime.of(2024, 3, 15, 23, 59).atOffset(ZoneOffset.UTC)))
                .isEqualTo(march15 + 1);
        assertThat(days.of("2024-02-30")).isEqualTo(LocalDays.NONE);
        assertThat(days.of("soon")).isEqualTo(LocalDays.NONE);
        assertThat(days.of(20240315)).isEqualTo(LocalDays.NONE);
        assertThat(days.of(null)).isEqualTo(LocalDays.NONE);
    }

    @Test
    void makesOneTablePerZone() {
        // every filter of every evaluator asks for its run's zone: 700 tables on the 1M bench before they were shared
        assertThat(LocalDays.forZone(ZoneId.of("Europe/Warsaw")))
                .isSameAs(LocalDays.forZone(ZoneId.of("Europe/Warsaw")));
        assertThat(LocalDays.forZone(ZoneId.of("Europe/Warsaw"))).isNotSameAs(LocalDays.forZone(ZoneId.of("UTC")));
        assertThat(LocalDays.forZone(ZoneId.of("UTC")).of(Instant.parse("2024-03-14T23:30:00Z")))
                .isEqualTo(LocalDate.of(2024, 3, 14).toEpochDay());
    }
}
