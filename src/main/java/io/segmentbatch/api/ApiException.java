package io.segmentbatch.api;

import org.springframework.http.HttpStatus;

/** An HTTP error with its envelope's key, message and details. */
class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final String key;
    private final String details;

    ApiException(HttpStatus status, String key, String message, String details) {
        super(message);
        this.status = status;
        this.key = key;
        this.details = details;
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
}
