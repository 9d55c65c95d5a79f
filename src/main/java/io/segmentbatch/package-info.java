/**
 * segment-batch: customer exports in, Voucherify-style customer segments out. Every package here is null-marked: a type without {@code @Nullable} is never null.
 */
@NullMarked
package io.segmentbatch;

import org.jspecify.annotations.NullMarked;
