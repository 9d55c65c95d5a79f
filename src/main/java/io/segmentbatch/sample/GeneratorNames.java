package io.segmentbatch.sample;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * First and last names in the generator's languages, each with the lower-case ASCII form that
 * e-mail addresses are made from (computed once here, not per row). A last name written
 * {@code Kowalski/Kowalska} has a masculine and a feminine form.
 */
final class GeneratorNames {

    static final int POLISH = 0;
    static final int GERMAN = 1;
    static final int PORTUGUESE = 2;
    static final int SPANISH = 3;
    static final int FRENCH = 4;
    static final int ITALIAN = 5;
    static final int CZECH = 6;
    static final int ENGLISH = 7;
    static final int SWEDISH = 8;
    static final int DUTCH = 9;
    static final int LANGUAGES = 10;

    /** Per language: female first names | male first names | last names. */
    private static final String[][] DATA = {
        {
            "Anna Maria Katarzyna Małgorzata Agnieszka Żaneta Ewa Joanna Zofia Łucja Alicja Magdalena",
            "Piotr Krzysztof Andrzej Tomasz Łukasz Paweł Michał Jakub Grzegorz Wojciech Mateusz Jan",
            "Kowalski/Kowalska Nowak Wiśniewski/Wiśniewska Wójcik Kowalczyk Kamiński/Kamińska Lewandowski/Lewandowska"
                    + " Zieliński/Zielińska Szymański/Szymańska Woźniak Dąbrowski/Dąbrowska Kozłowski/Kozłowska Jankowski/Jankowska"
                    + " Mazur Krawczyk Grabowski/Grabowska Pawłowski/Pawłowska Michalski/Michalska Król Wieczorek Jabłoński/Jabłońska"
        },
        {
            "Anna Lena Sabine Ursula Monika Petra Jana Sophie Marie Käthe Renate Jutta",
            "Thomas Michael Andreas Stefan Jürgen Klaus Matthias Lukas Jonas Björn Uwe Günter",
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter"
                    + " Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hartmann Lange Weiß"
        },
        {
            "Maria Ana Francisca Antônia Adriana Juliana Márcia Fernanda Patrícia Aline Beatriz Inês",
            "José João Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Gonçalo Sebastião",
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Conceição Gonçalves"
                    + " Araújo Ribeiro Carvalho Martins Rocha Almeida Nascimento da_Silva dos_Santos Magalhães"
        },
        {
            "María Carmen Lucía Ana Isabel Laura Cristina Marta Pilar Dolores Sofía Núria",
            "Antonio José Manuel Francisco David Juan Javier Daniel Carlos Jesús Álvaro Sergio",
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz"
                    + " Hernández Díaz Moreno Muñoz Álvarez Romero Núñez de_la_Cruz Peña Ibáñez"
        },
        {
            "Marie Nathalie Isabelle Sylvie Catherine Hélène Céline Chloé Léa Manon Élodie Camille",
            "Jean Pierre Michel Philippe Alain Nicolas François Stéphane Jérôme Julien Hugo Théo",
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre"
                    + " Michel Garcia David Bertrand Roux Fournier Girard Bonnet Dupont Lemaître Faure"
        },
        {
            "Giulia Francesca Chiara Sara Martina Valentina Alessia Elisa Federica Silvia Ilaria Noemi",
            "Marco Alessandro Giuseppe Francesco Luca Andrea Matteo Lorenzo Davide Niccolò Simone Stefano",
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"
                    + " De_Luca Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana"
        },
        {
            "Jana Eva Hana Anna Lenka Kateřina Lucie Věra Petra Tereza Markéta Zuzana",
            "Jiří Jan Petr Josef Pavel Martin Tomáš Jaroslav Miroslav Zdeněk Lukáš Ondřej",
            "Novák/Nováková Svoboda/Svobodová Novotný/Novotná Dvořák/Dvořáková Černý/Černá Procházka/Procházková"
                    + " Kučera/Kučerová Veselý/Veselá Horák/Horáková Němec/Němcová Marek/Marková Pokorný/Pokorná"
        },
        {
            "Emma Olivia Sophia Charlotte Amelia Emily Grace Chloe Hannah Megan Siobhan Zoë",
            "James John Robert Michael William David Richard Thomas Oliver Harry George Seán",
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Moore"
                    + " Jackson Martin Lee Thompson White Harris Clark O'Brien O'Connor MacDonald Walsh"
        },
        {
            "Anna Eva Maria Karin Sara Emma Elsa Ingrid Åsa Linnéa Astrid Maja",
            "Lars Anders Johan Erik Karl Per Nils Björn Mikael Oskar Håkan Sven",
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson"
                    + " Pettersson Jönsson Lindström Öberg Åberg Lindqvist Sjöberg Ekström"
        },
        {
            "Emma Julia Sophie Lotte Anouk Sanne Fleur Eva Noor Femke Iris Maud",
            "Daan Sem Lucas Jan Pieter Bram Thijs Ruben Sven Joost Maarten Gijs",
            "de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer de_Boer"
                    + " Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer"
        },
    };

    private final String[][] femaleFirst = new String[LANGUAGES][];
    private final String[][] maleFirst = new String[LANGUAGES][];
    private final String[][] lastMale = new String[LANGUAGES][];
    private final String[][] lastFemale = new String[LANGUAGES][];
    private final Map<String, String> ascii = new HashMap<>();

    GeneratorNames() {
        for (int language = 0; language < LANGUAGES; language++) {
            femaleFirst[language] = words(DATA[language][0]);
            maleFirst[language] = words(DATA[language][1]);
            String[] last = words(DATA[language][2]);
            lastMale[language] = new String[last.length];
            lastFemale[language] = new String[last.length];
            for (int i = 0; i < last.length; i++) {
                int slash = last[i].indexOf('/');
                lastMale[language][i] = slash < 0 ? last[i] : last[i].substring(0, slash);
                lastFemale[language][i] = slash < 0 ? last[i] : last[i].substring(slash + 1);
            }
        }
        for (String[][] table : new String[][][] {femaleFirst, maleFirst, lastMale, lastFemale}) {
            for (String[] names : table) {
                for (String name : names) {
                    ascii.put(name, toAscii(name));
                }
            }
        }
    }

    /** A first name; {@code female} picks the list. */
    String first(SplittableRandom random, int language, boolean female) {
        String[] names = female ? femaleFirst[language] : maleFirst[language];
        return names[random.nextInt(names.length)];
    }

    /** A last name in the form that goes with a female or male first name. */
    String last(SplittableRandom random, int language, boolean female) {
        String[] names = female ? lastFemale[language] : lastMale[language];
        return names[random.nextInt(names.length)];
    }

    /** The lower-case ASCII form of a name this class handed out ({@code Wiśniewska} -> {@code wisniewska}). */
    String ascii(String name) {
        return java.util.Objects.requireNonNull(ascii.get(name), name);
    }

    private static String[] words(String list) {
        String[] words = list.split(" ");
        for (int i = 0; i < words.length; i++) {
            words[i] = words[i].replace('_', ' ').trim();
        }
        return words;
    }

    static String toAscii(String name) {
        String replaced = name.replace("ł", "l")
                .replace("Ł", "L")
                .replace("ß", "ss")
                .replace("ø", "o")
                .replace("æ", "ae")
                .replace("'", "")
                .replace(" ", "");
        String decomposed = Normalizer.normalize(replaced, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < 128) {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
