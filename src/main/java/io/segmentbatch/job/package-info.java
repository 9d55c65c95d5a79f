/**
 * Spring Batch wiring, job definitions, and the one facade that starts runs ({@link io.segmentbatch.job.RunLauncher}).
 */
@NullMarked
package io.segmentbatch.job;

import org.jspecify.annotations.NullMarked;
