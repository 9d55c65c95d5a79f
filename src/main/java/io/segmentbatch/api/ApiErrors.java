package io.segmentbatch.api;

import io.segmentbatch.job.InvalidRunRequestException;
import io.segmentbatch.job.JobBusyException;
import io.segmentbatch.job.ShuttingDownException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a request into Voucherify's error envelope, with the request's ID. The body is JSON even
 * when the request accepts only something else (a {@code 406} is an envelope too).
 */
@RestControllerAdvice
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final ObjectProvider<AppCredentials> credentials;

    ApiErrors(ObjectProvider<AppCredentials> credentials) {
        this.credentials = credentials;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        String requestId = RequestIds.of(request);
        return ResponseEntity.status(e.status())
                .header(RequestIds.HEADER, requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(
                        e.status().value(),
                        e.key(),
                        e.getMessage(),
                        e.details(),
                        requestId,
                        e.resourceId(),
                        e.resourceType()));
    }

    @ExceptionHandler(JobBusyException.class)
    ResponseEntity<ApiError> busy(JobBusyException e, HttpServletRequest request) {
        return error(
                HttpStatus.CONFLICT,
                "job_running",
                "Conflict",
                e.getMessage() + "; try again when it has ended",
                request);
    }

    @ExceptionHandler(InvalidRunRequestException.class)
    ResponseEntity<ApiError> invalidRun(InvalidRunRequestException e, HttpServletRequest request) {
        return error(HttpStatus.BAD_REQUEST, "invalid_run_request", "Invalid run request", e.getMessage(), request);
    }

    @ExceptionHandler(ShuttingDownException.class)
    ResponseEntity<ApiError> shuttingDown(ShuttingDownException e, HttpServletRequest request) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", "Service unavailable", e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
                return error(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload_too_large",
                        "Content Too Large",
                        tooLarge.getMessage(),
                        request);
            }
        }
        if (e instanceof StrictTextBodies.NotText) {
            return error(HttpStatus.BAD_REQUEST, "invalid_payload", "Invalid payload", e.getMessage(), request);
        }
        return error(
                HttpStatus.BAD_REQUEST,
                "invalid_payload",
                "Invalid payload",
                "The body is not valid JSON of the expected shape: "
                        + e.getMostSpecificCause().getMessage(),
                request);
    }

    /** Spring MVC's own errors: unknown path (404), wrong method (405), not acceptable (406), wrong media type (415), … */
    @ExceptionHandler({
        NoResourceFoundException.class,
        HttpRequestMethodNotSupportedException.class,
        HttpMediaTypeNotSupportedException.class,
        HttpMediaTypeNotAcceptableException.class,
        ErrorResponseException.class
    })
    ResponseEntity<ApiError> framework(Exception e, HttpServletRequest request) {
        // no handler took the request (a method or media type that no /v1 route has), so the credentials interceptor
        // never saw it: without the credentials it gets their 401, not an answer that tells which routes exist
        // the raw path and the container's decoded one, as the actuator's filter reads them: "/%761/…" is /v1 too
        AppCredentials configured = credentials.getIfAvailable();
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String decoded = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (configured != null && (underV1(raw) || underV1(decoded))) {
            try {
                CredentialsInterceptor.check(configured, request);
            } catch (ApiException unauthorized) {
                return api(unauthorized, request);
            }
        }
        HttpStatusCode status = ((ErrorResponse) e).getStatusCode();
        HttpStatus known = HttpStatus.resolve(status.value());
        HttpStatus resolved = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        // Spring's words for an unknown path ("No static resource v1/nope.") speak of files, not of an API
        String detail = e instanceof NoResourceFoundException
                ? "No endpoint answers " + request.getMethod() + " " + request.getRequestURI() + "."
                : ((ErrorResponse) e).getBody().getDetail();
        ResponseEntity<ApiError> answer =
                error(resolved, Envelopes.key(resolved), resolved.getReasonPhrase(), detail, request);
        // the framework's headers go with its answer: Allow on a 405, Accept on a 415 (RFC 9110 asks for both)
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .headers(((ErrorResponse) e).getHeaders())
                .body(answer.getBody());
    }

    private static boolean underV1(String path) {
        return path.equals("/v1") || path.startsWith("/v1/");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse) {
            return framework(e, request);
        }
        String requestId = RequestIds.of(request);
        log.error("request {} {} ({}) failed", request.getMethod(), request.getRequestURI(), requestId, e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "Internal server error",
                "The request failed; the service log has the cause under request_id " + requestId + ".",
                request);
    }

    static ResponseEntity<ApiError> error(
            HttpStatus status, String key, String message, @Nullable String details, HttpServletRequest request) {
        String requestId = RequestIds.of(request);
        return ResponseEntity.status(status)
                .header(RequestIds.HEADER, requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), key, message, details, requestId));
    }
}
