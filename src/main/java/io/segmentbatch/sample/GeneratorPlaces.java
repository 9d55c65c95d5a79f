package io.segmentbatch.sample;

import java.util.SplittableRandom;

/**
 * Where generated customers live: cities weighted by how many customers they have (a shop with
 * most of its customers in Poland and Germany), each with its country, the pattern of its postal
 * codes, and per country a phone number pattern, e-mail domains and the language of most names.
 * In the patterns {@code #} is a random digit and {@code @} a random capital letter.
 */
final class GeneratorPlaces {

    /** A country: its name as exports write it, the usual language of names, phone pattern, e-mail domains. */
    record Country(String name, int language, String phonePattern, String[] emailDomains) {}

    /** A city, its country, its postal code pattern, and its weight among all customers. */
    record City(String name, Country country, String postalPattern, int weight) {}

    private static final String[] GLOBAL_DOMAINS = {"gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com"};

    private static final Country POLAND =
            country("Poland", GeneratorNames.POLISH, "+485########", "wp.pl onet.pl o2.pl interia.pl gmail.com");
    private static final Country GERMANY =
            country("Germany", GeneratorNames.GERMAN, "+4915#########", "gmx.de web.de t-online.de");
    private static final Country AUSTRIA = country("Austria", GeneratorNames.GERMAN, "+43664#######", "gmx.at aon.at");
    private static final Country SWITZERLAND =
            country("Switzerland", GeneratorNames.GERMAN, "+417########", "bluewin.ch gmx.ch");
    private static final Country BRAZIL =
            country("Brazil", GeneratorNames.PORTUGUESE, "+55119########", "uol.com.br bol.com.br hotmail.com");
    private static final Country PORTUGAL =
            country("Portugal", GeneratorNames.PORTUGUESE, "+3519########", "sapo.pt gmail.com");
    private static final Country SPAIN =
            country("Spain", GeneratorNames.SPANISH, "+346########", "hotmail.es yahoo.es telefonica.net");
    private static final Country FRANCE =
            country("France", GeneratorNames.FRENCH, "+336########", "orange.fr free.fr laposte.net");
    private static final Country ITALY =
            country("Italy", GeneratorNames.ITALIAN, "+393#########", "libero.it virgilio.it");
    private static final Country CZECHIA =
            country("Czech Republic", GeneratorNames.CZECH, "+4206########", "seznam.cz email.cz centrum.cz");
    private static final Country UK =
            country("United Kingdom", GeneratorNames.ENGLISH, "+447#########", "hotmail.co.uk btinternet.com");
    private static final Country US =
            country("United States", GeneratorNames.ENGLISH, "+1##########", "aol.com hotmail.com comcast.net");
    private static final Country SWEDEN =
            country("Sweden", GeneratorNames.SWEDISH, "+467########", "telia.com hotmail.se");
    private static final Country NETHERLANDS =
            country("Netherlands", GeneratorNames.DUTCH, "+316########", "ziggo.nl kpnmail.nl");

    private static final City[] CITIES = {
        new City("Warszawa", POLAND, "0#-###", 80), new City("Kraków", POLAND, "3#-###", 55),
        new City("Łódź", POLAND, "9#-###", 30), new City("Wrocław", POLAND, "5#-###", 35),
        new City("Poznań", POLAND, "6#-###", 28), new City("Gdańsk", POLAND, "80-###", 25),
        new City("Szczecin", POLAND, "7#-###", 12), new City("Białystok", POLAND, "15-###", 8),
        new City("Berlin", GERMANY, "1####", 50), new City("München", GERMANY, "8####", 35),
        new City("Hamburg", GERMANY, "2####", 25), new City("Köln", GERMANY, "5####", 20),
        new City("Frankfurt am Main", GERMANY, "60###", 15), new City("Düsseldorf", GERMANY, "40###", 12),
        new City("Wien", AUSTRIA, "1###", 15), new City("Graz", AUSTRIA, "80##", 5),
        new City("Zürich", SWITZERLAND, "80##", 10), new City("Genève", SWITZERLAND, "12##", 4),
        new City("São Paulo", BRAZIL, "0####-###", 40), new City("Rio de Janeiro", BRAZIL, "2####-###", 22),
        new City("Belo Horizonte", BRAZIL, "3####-###", 10), new City("Brasília", BRAZIL, "7####-###", 8),
        new City("Lisboa", PORTUGAL, "1###-###", 12), new City("Porto", PORTUGAL, "4###-###", 8),
        new City("Madrid", SPAIN, "28###", 18), new City("Barcelona", SPAIN, "08###", 15),
        new City("Sevilla", SPAIN, "41###", 5), new City("Málaga", SPAIN, "29###", 5),
        new City("Paris", FRANCE, "750##", 20), new City("Lyon", FRANCE, "6900#", 7),
        new City("Orléans", FRANCE, "450##", 3), new City("Milano", ITALY, "201##", 12),
        new City("Roma", ITALY, "001##", 10), new City("Praha", CZECHIA, "1## ##", 14),
        new City("Brno", CZECHIA, "6## ##", 6), new City("Plzeň", CZECHIA, "3## ##", 3),
        new City("London", UK, "SW# #@@", 20), new City("Manchester", UK, "M# #@@", 6),
        new City("New York", US, "100##", 10), new City("Chicago", US, "606##", 5),
        new City("Stockholm", SWEDEN, "1## ##", 8), new City("Göteborg", SWEDEN, "4## ##", 4),
        new City("Malmö", SWEDEN, "2## ##", 3), new City("Amsterdam", NETHERLANDS, "10## @@", 10),
        new City("Rotterdam", NETHERLANDS, "30## @@", 5),
    };

    /** 4096 slots, each city holding a share proportional to its weight: one array read per pick. */
    private final City[] slots = new City[4096];

    GeneratorPlaces() {
        int total = 0;
        for (City city : CITIES) {
            total += city.weight();
        }
        int slot = 0;
        int cumulative = 0;
        for (City city : CITIES) {
            cumulative += city.weight();
            int end = (int) ((long) cumulative * slots.length / total);
            while (slot < end) {
                slots[slot++] = city;
            }
        }
    }

    City city(SplittableRandom random) {
        return slots[random.nextInt(slots.length)];
    }

    /** An e-mail domain of the country, or (one time in three) an international one. */
    static String emailDomain(SplittableRandom random, Country country) {
        String[] domains = random.nextInt(3) == 0 ? GLOBAL_DOMAINS : country.emailDomains();
        return domains[random.nextInt(domains.length)];
    }

    /** Appends {@code pattern} to {@code out} with its {@code #} and {@code @} filled in. */
    static void fill(StringBuilder out, String pattern, SplittableRandom random) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '#') {
                out.append((char) ('0' + random.nextInt(10)));
            } else if (c == '@') {
                out.append((char) ('A' + random.nextInt(26)));
            } else {
                out.append(c);
            }
        }
    }

    private static Country country(String name, int language, String phonePattern, String domains) {
        return new Country(name, language, phonePattern, domains.split(" "));
    }
}
