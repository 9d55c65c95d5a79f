/**
 * Where a committed run goes: Voucherify's segments API, webhooks and RabbitMQ, with their retries and ledgers.
 */
@NullMarked
package io.segmentbatch.destination;

import org.jspecify.annotations.NullMarked;
