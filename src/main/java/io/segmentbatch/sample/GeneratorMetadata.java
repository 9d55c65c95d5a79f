package io.segmentbatch.sample;

import java.util.SplittableRandom;

/**
 * The {@code metadata} cell of a generated customer: a JSON object whose keys vary from customer
 * to customer ({@code club_level}, {@code newsletter}, {@code tags}, {@code signup_channel},
 * {@code favorite_category}, {@code preferred_language}, {@code score}, {@code consent_date}),
 * or an empty cell for about one customer in five. Written straight into the CSV text as a
 * quoted cell with its quotes doubled ({@code {}} when no key came up); no value needs JSON escaping.
 */
final class GeneratorMetadata {

    private static final String[] LEVELS = {"bronze", "silver", "gold", "platinum"};
    private static final String[] TAGS = {
        "vip", "beta", "b2b", "early_adopter", "student", "wholesale", "churn_risk", "influencer"
    };
    private static final int[] TAG_WEIGHTS = {10, 14, 8, 12, 16, 5, 10, 5};
    private static final String[] CHANNELS = {"web", "web", "web", "app", "app", "store", "referral", "partner"};
    private static final String[] CATEGORIES = {
        "shoes", "electronics", "books", "garden", "toys", "beauty", "sports", "fashion", "home"
    };
    private static final String[] LANGUAGES = {"pl", "de", "pt", "es", "fr", "it", "cs", "en", "sv", "nl"};

    private GeneratorMetadata() {}

    static void append(GeneratorCsv csv, SplittableRandom random, int language, long totalAmount, long consentDay) {
        StringBuilder out = csv.cell();
        if (random.nextInt(100) < 18) {
            return;
        }
        int cellStart = out.length();
        out.append("\"{");
        int start = out.length();
        if (random.nextInt(100) < 70) {
            int level = random.nextInt(100);
            int bonus = totalAmount > 100_000 ? 25 : 0;
            key(out, start, "club_level");
            string(out, LEVELS[level + bonus < 50 ? 0 : level + bonus < 78 ? 1 : level + bonus < 93 ? 2 : 3]);
        }
        if (random.nextInt(100) < 80) {
            key(out, start, "newsletter");
            out.append(random.nextInt(100) < 45 ? "true" : "false");
        }
        if (random.nextInt(100) < 45) {
            key(out, start, "tags");
            tags(out, random);
        }
        if (random.nextInt(100) < 60) {
            key(out, start, "signup_channel");
            string(out, CHANNELS[random.nextInt(CHANNELS.length)]);
        }
        if (random.nextInt(100) < 40) {
            key(out, start, "favorite_category");
            string(out, CATEGORIES[random.nextInt(CATEGORIES.length)]);
        }
        if (random.nextInt(100) < 30) {
            key(out, start, "preferred_language");
            string(out, LANGUAGES[random.nextInt(5) == 0 ? random.nextInt(LANGUAGES.length) : language]);
        }
        if (random.nextInt(100) < 25) {
            key(out, start, "score");
            int tenths = random.nextInt(1000);
            out.append(tenths / 10).append('.').append((char) ('0' + tenths % 10));
        }
        if (random.nextInt(100) < 15) {
            key(out, start, "consent_date");
            out.append("\"\"");
            GeneratorCsv.appendDate(out, consentDay);
            out.append("\"\"");
        }
        if (out.length() == start) {
            out.setLength(cellStart);
            out.append("{}");
        } else {
            out.append("}\"");
        }
    }

    /** One to three distinct tags, or now and then an empty array. */
    private static void tags(StringBuilder out, SplittableRandom random) {
        out.append('[');
        int wanted = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(3) / 2 + random.nextInt(3) / 2;
        int chosen = 0;
        for (int n = 0; n < wanted; n++) {
            int tag = weightedTag(random);
            if ((chosen & (1 << tag)) == 0) {
                chosen |= 1 << tag;
                if (out.charAt(out.length() - 1) != '[') {
                    out.append(',');
                }
                string(out, TAGS[tag]);
            }
        }
        out.append(']');
    }

    private static int weightedTag(SplittableRandom random) {
        int pick = random.nextInt(80);
        for (int tag = 0; tag < TAG_WEIGHTS.length; tag++) {
            pick -= TAG_WEIGHTS[tag];
            if (pick < 0) {
                return tag;
            }
        }
        return 0;
    }

    private static void key(StringBuilder out, int objectStart, String name) {
        if (out.length() > objectStart) {
            out.append(',');
        }
        string(out, name);
        out.append(':');
    }

    /** A JSON string inside a quoted CSV cell: its quotes doubled. */
    private static void string(StringBuilder out, String value) {
        out.append("\"\"").append(value).append("\"\"");
    }
}
