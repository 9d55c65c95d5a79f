/**
 * The database: every SQL statement of the application lives in this package's classes.
 */
package io.segmentbatch.store;
