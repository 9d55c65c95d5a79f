package io.segmentbatch.api;

import io.segmentbatch.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes Voucherify's error envelope straight to a servlet response, for the errors that never reach a controller:
 * filters (credentials of the actuator, the body cap), Tomcat's own refusals and Spring's {@code /error} page.
 */
final class Envelopes {

    private Envelopes() {}

    /** The envelope's {@code key} for a status that has no more specific one: "Payload Too Large" → payload_too_large. */
    static String key(HttpStatus status) {
        return status == HttpStatus.NOT_FOUND
                ? "not_found"
                : status.getReasonPhrase()
                        .toLowerCase(Locale.ROOT)
                        .replace(' ', '_')
                        .replace("-", "_");
    }

    static ApiError error(HttpStatus status, String key, String details, String requestId) {
        return new ApiError(status.value(), key, status.getReasonPhrase(), details, requestId);
    }

    /** Writes the envelope unless the response is already committed; the body is JSON whatever the request accepts. */
    static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key, String details)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String requestId = RequestIds.of(request);
        byte[] body = Json.MAPPER.writeValueAsBytes(error(status, key, details, requestId));
        response.resetBuffer();
        response.setStatus(status.value());
        response.setHeader(RequestIds.HEADER, requestId);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static byte[] json(ApiError error) {
        return Json.MAPPER.writeValueAsBytes(error);
    }
}
