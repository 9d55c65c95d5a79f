package io.segmentbatch.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's {@code /error} page, which the servlet container forwards to for errors raised outside a controller
 * (a filter, a response committed with {@code sendError}), in Voucherify's envelope instead of Boot's JSON or its
 * white-label HTML. Called directly, {@code /error} is an unknown path: {@code 404}.
 */
@RestController
class EnvelopeErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(EnvelopeErrorController.class);

    @RequestMapping(path = "/error", produces = MediaType.ALL_VALUE)
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status)) {
            return ApiErrors.error(
                    HttpStatus.NOT_FOUND,
                    "not_found",
                    "Resource not found",
                    "No endpoint answers " + request.getRequestURI() + ".",
                    request);
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus httpStatus = known == null || status < 400 ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        if (httpStatus.is5xxServerError()
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            // the container logged the failure without the request's ID, which the envelope sends the client to
            log.error(
                    "request {} {} ({}) failed",
                    request.getAttribute(RequestDispatcher.ERROR_METHOD) instanceof String method ? method : "",
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    RequestIds.of(request),
                    failure);
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String details = httpStatus.is5xxServerError()
                ? "The request failed; the service log has the cause under request_id " + RequestIds.of(request) + "."
                : message instanceof String text && !text.isBlank()
                        ? text
                        : httpStatus.getReasonPhrase() + (uri == null ? "" : " for " + uri);
        return ApiErrors.error(httpStatus, Envelopes.key(httpStatus), httpStatus.getReasonPhrase(), details, request);
    }
}
