/**
 * The REST API of serve mode ({@code /v1/jobs}): launches runs through the launch facade, reports their progress
 * and reports. Every {@code /v1} request carries {@code X-App-Id} and {@code X-App-Token}; every error has
 * Voucherify's envelope ({@link io.segmentbatch.api.ApiError}).
 */
@NullMarked
package io.segmentbatch.api;

import org.jspecify.annotations.NullMarked;
