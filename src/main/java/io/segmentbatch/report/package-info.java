/**
 * The run report, its JSON and HTML forms, and the events file.
 */
@NullMarked
package io.segmentbatch.report;

import org.jspecify.annotations.NullMarked;
