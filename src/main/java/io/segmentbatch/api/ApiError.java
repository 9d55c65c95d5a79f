package io.segmentbatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Voucherify's error envelope, the body of every error response. */
public record ApiError(int code, String key, String message, String details, @JsonProperty("request_id") String requestId) {
}
