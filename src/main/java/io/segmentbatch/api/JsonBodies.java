package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * A {@code /v1} request with a form body ({@code curl -d} without a {@code Content-Type}) gets a {@code 415} before
 * its handler runs: the servlet container takes such a body apart as form fields, and the JSON read from what Spring
 * MVC put back together was not the client's ({@code Unexpected character ('%')}). Other content types are read as
 * JSON. (What the API answers, JSON only, is its controllers' {@code produces}: a request that accepts no JSON gets
 * its {@code 406} before its handler runs too.)
 */
class JsonBodies implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String contentType = request.getContentType();
        if (handler instanceof HandlerMethod && contentType != null && isForm(contentType)) {
            throw new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Unsupported Media Type",
                    "The body is JSON: send it with Content-Type: application/json, not " + contentType
                            + " (curl -d sends a form unless -H 'Content-Type: application/json' is given).");
        }
        return true;
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
