package io.segmentbatch.destination;

import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Sends one HTTP request and sorts the outcome into success or a {@link CallFailure} of the right kind. */
final class HttpCalls {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private HttpCalls() {}

    /** Sends the request; a 2xx answer is returned, anything else thrown as a {@link CallFailure}. */
    static HttpResponse<String> send(HttpRequest request) throws CallFailure {
        HttpResponse<String> response;
        String what = request.method() + " " + request.uri();
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CallFailure(
                    CallFailure.Kind.TRANSIENT,
                    what + ": no answer within "
                            + request.timeout().map(Duration::toString).orElse("the timeout"),
                    null);
        } catch (ConnectException e) {
            throw new CallFailure(CallFailure.Kind.TRANSIENT, what + ": cannot connect (" + message(e) + ")", null);
        } catch (IOException e) {
            throw new CallFailure(CallFailure.Kind.TRANSIENT, what + ": connection failed (" + message(e) + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure(CallFailure.Kind.INTERRUPTED, what + ": interrupted", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        String detail = what + ": HTTP " + status + body(response.body());
        if (status == 429) {
            throw new CallFailure(
                    CallFailure.Kind.RATE_LIMITED,
                    detail,
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        }
        if (status >= 500 || status == 408) {
            throw new CallFailure(CallFailure.Kind.TRANSIENT, detail, null);
        }
        throw new CallFailure(CallFailure.Kind.PERMANENT, detail, null);
    }

    static HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout);
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null if absent or unreadable. */
    static @Nullable Duration retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String body(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.strip();
        return ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
