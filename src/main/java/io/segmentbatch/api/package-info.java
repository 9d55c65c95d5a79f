/**
 * The HTTP side of serve mode. {@code /v1/jobs}: the served jobs, launching, restarting, approving and discarding
 * their runs through the launch facade, and each run's progress and report; {@code /v1/segments}: Voucherify's
 * segments API over the catalog; {@code /v1/customers}: the segments of a customer and the members of a segment;
 * {@code /v1/deliveries}: event deliveries and redelivering dead ones; {@code /runs}: the HTML run pages (HTTP
 * Basic); the OpenAPI document ({@code /v3/api-docs}). Every {@code /v1} request carries {@code X-App-Id} and {@code X-App-Token}; every
 * error has Voucherify's envelope ({@link io.segmentbatch.api.ApiError}).
 */
@NullMarked
package io.segmentbatch.api;

import org.jspecify.annotations.NullMarked;
