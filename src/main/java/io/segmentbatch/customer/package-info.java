/**
 * Export columns to {@link io.segmentbatch.customer.Customer}, and field access for the filter language.
 */
@NullMarked
package io.segmentbatch.customer;

import org.jspecify.annotations.NullMarked;
