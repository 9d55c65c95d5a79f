/**
 * The operator's view of runs: metrics, the HTML report beside {@code report.json}, and the progress display of a
 * run. Everything here listens to {@link io.segmentbatch.job.RunStarted} and {@link io.segmentbatch.job.RunEnded};
 * nothing in a run depends on it.
 */
@NullMarked
package io.segmentbatch.monitor;

import org.jspecify.annotations.NullMarked;
