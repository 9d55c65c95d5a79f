package io.segmentbatch.trigger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Spring Batch logs each failed chunk and step at ERROR with the whole stack trace, although a run that fails for an
 * expected reason (past its skip limit, an unreadable input, a refused launch) is already explained by this
 * application's own line ("run … FAILED …: reason"), the summary and the report. On the console those entries become
 * one line with the innermost cause; {@code --debug} keeps the stack traces.
 */
final class BatchErrorLines extends TurboFilter {
    private static final String BATCH = "org.springframework.batch";

    private BatchErrorLines() {}

    /** Installs the filter in Logback, once (Spring Boot resets Logback at each start, removing it). */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return;
        }
        logback.getTurboFilterList().removeIf(BatchErrorLines.class::isInstance);
        BatchErrorLines filter = new BatchErrorLines();
        filter.setContext(logback);
        filter.start();
        logback.addTurboFilter(filter);
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (t == null
                || level == null
                || !level.isGreaterOrEqual(Level.WARN)
                || !logger.getName().startsWith(BATCH)
                || !logger.isEnabledFor(level)) {
            return FilterReply.NEUTRAL;
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = "{}: {}: {} (--debug prints the stack trace)";
        String message = format == null ? "" : format;
        if (level == Level.WARN) {
            logger.warn(line, message, root.getClass().getSimpleName(), root.getMessage());
        } else {
            logger.error(line, message, root.getClass().getSimpleName(), root.getMessage());
        }
        return FilterReply.DENY;
    }
}
