package io.segmentbatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Voucherify's error envelope, the body of every error response. A {@code 404} for a resource also names it
 * ({@code resource_id}, {@code resource_type}), as Voucherify does; other errors leave both out.
 */
public record ApiError(
        int code,
        String key,
        @Nullable String message,
        @Nullable String details,
        @JsonProperty("request_id") String requestId,

        @JsonProperty("resource_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        String resourceId,

        @JsonProperty("resource_type") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
        String resourceType) {

    public ApiError(int code, String key, @Nullable String message, @Nullable String details, String requestId) {
        this(code, key, message, details, requestId, null, null);
    }
}
