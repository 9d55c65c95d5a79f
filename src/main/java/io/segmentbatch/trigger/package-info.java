/**
 * What starts runs: the command line, cron schedules and the inbox (file drop).
 */
@NullMarked
package io.segmentbatch.trigger;

import org.jspecify.annotations.NullMarked;
