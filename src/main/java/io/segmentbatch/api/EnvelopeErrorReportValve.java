package io.segmentbatch.api;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat's last word on an error no servlet answered, such as a URL path with {@code %2F} or {@code %00} that Tomcat
 * refuses before any filter runs: Voucherify's envelope instead of Tomcat's HTML page. Public because Tomcat
 * instantiates it by class name.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus httpStatus = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        String reason = response.getMessage();
        String details = httpStatus == HttpStatus.BAD_REQUEST
                ? "The request is malformed" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                        + "; a URL path may not contain an encoded slash (%2F), a NUL (%00) or an invalid escape."
                : (reason == null || reason.isBlank() ? httpStatus.getReasonPhrase() : reason);
        String requestId = RequestIds.of(request);
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(RequestIds.HEADER, requestId);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(
                        Envelopes.json(Envelopes.error(httpStatus, Envelopes.key(httpStatus), details, requestId)),
                        StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response cannot take a body any more: nothing left to tell the caller.
        }
    }
}
