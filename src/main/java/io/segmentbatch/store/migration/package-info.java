/**
 * Flyway migrations written in Java (the SQL ones live in src/main/resources).
 */
@NullMarked
package io.segmentbatch.store.migration;

import org.jspecify.annotations.NullMarked;
