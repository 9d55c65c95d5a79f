package io.segmentbatch.monitor;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the program talks to a person at a terminal (a progress bar) or writes to a log, a pipe or cron's mail. */
public final class Terminal {
    private Terminal() {}

    /**
     * True when standard input and output are a terminal. Up to Java 21, {@link System#console()} is non-null exactly
     * then; from Java 22 it may exist without a terminal, and {@code Console.isTerminal()} (looked up by reflection, as
     * the build targets 17) says.
     */
    public static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else 100. */
    static int width() {
        try {
            String columns = System.getenv("COLUMNS");
            return columns == null ? 100 : Math.max(40, Integer.parseInt(columns.trim()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
