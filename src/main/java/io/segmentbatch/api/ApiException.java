package io.segmentbatch.api;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** An HTTP error with its envelope's key, message and details. */
class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String key;
    private final String details;
    private final @Nullable String resourceId;
    private final @Nullable String resourceType;

    ApiException(HttpStatus status, String key, String message, String details) {
        this(status, key, message, details, null, null);
    }

    private ApiException(
            HttpStatus status,
            String key,
            String message,
            String details,
            @Nullable String resourceId,
            @Nullable String resourceType) {
        super(message);
        this.status = status;
        this.key = key;
        this.details = details;
        this.resourceId = resourceId;
        this.resourceType = resourceType;
    }

    /** Voucherify's 404 for a resource: key {@code not_found}, naming the resource's ID and type. */
    static ApiException notFound(String resourceType, String resourceId, String details) {
        return new ApiException(
                HttpStatus.NOT_FOUND, "not_found", "Resource not found", details, resourceId, resourceType);
    }

    static ApiException notFound(String key, String details) {
        return new ApiException(HttpStatus.NOT_FOUND, key, "Resource not found", details);
    }

    static ApiException badRequest(String key, String details) {
        return new ApiException(HttpStatus.BAD_REQUEST, key, "Invalid payload", details);
    }

    static ApiException unauthorized(String details) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", details);
    }

    HttpStatus status() {
        return status;
    }

    String key() {
        return key;
    }

    String details() {
        return details;
    }

    @Nullable
    String resourceId() {
        return resourceId;
    }

    @Nullable
    String resourceType() {
        return resourceType;
    }
}
