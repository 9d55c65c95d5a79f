package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.List;

/**
 * The {@code /v1} API takes and answers JSON only, and says so before a request's handler runs.
 *
 * <p>A form body ({@code curl -d} without a {@code Content-Type}) gets a {@code 415}: the servlet container takes such
 * a body apart as form fields, and the JSON read from what Spring MVC put back together was not the client's
 * ({@code Unexpected character ('%')}). Other content types are read as JSON.
 *
 * <p>Answers: Spring MVC finds out that it
 * cannot answer an {@code Accept: application/xml} only when it writes the answer, after a {@code POST} had created
 * its segment or started its run, and a client that saw the {@code 406} and tried again made it twice. A request that
 * accepts no JSON now gets its {@code 406} with nothing changed (and no YAML answer, which the libraries on the class
 * path could write).
 */
class JsonAnswers implements HandlerInterceptor {
    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        String contentType = request.getContentType();
        if (contentType != null && isForm(contentType)) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Unsupported Media Type",
                    "The body is JSON: send it with Content-Type: application/json, not " + contentType
                            + " (curl -d sends a form unless -H 'Content-Type: application/json' is given).");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("Could not parse the Accept header: " + e.getMessage());
        }
        for (MediaType type : accepted) {
            if (type.getQualityValue() > 0 && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return true;
            }
        }
        throw new HttpMediaTypeNotAcceptableException(JSON);
    }

    private static boolean isForm(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_FORM_URLENCODED.includes(type) || MediaType.MULTIPART_FORM_DATA.includes(type);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
