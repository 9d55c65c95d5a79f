/**
 * Segments: the catalog's view, IDs, static parts, membership and its changes.
 */
@NullMarked
package io.segmentbatch.segment;

import org.jspecify.annotations.NullMarked;
