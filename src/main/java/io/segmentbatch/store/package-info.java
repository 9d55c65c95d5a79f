/**
 * The database: every SQL statement of the application lives in this package's classes.
 * SQL of the destinations (issue 11): the hand-off of each run to each destination, the ledger of remote segments
 * and the event deliveries. Only this package talks to the database about them.
 */
@NullMarked
package io.segmentbatch.store;

import org.jspecify.annotations.NullMarked;
