/**
 * The segment filter language: JSON filter documents are parsed once into an immutable tree
 * ({@link io.segmentbatch.filter.FilterParser}), every error reported with its JSON path, and compiled
 * per run into a {@link io.segmentbatch.filter.CompiledFilter}. Plain Java: no Spring here.
 */
@NullMarked
package io.segmentbatch.filter;

import org.jspecify.annotations.NullMarked;
