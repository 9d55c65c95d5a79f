package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/** Lets a {@code /v1} request through only with the right {@code X-App-Id} and {@code X-App-Token}. */
class CredentialsInterceptor implements HandlerInterceptor {
    static final String APP_ID = "X-App-Id";
    static final String APP_TOKEN = "X-App-Token";

    private final AppCredentials credentials;

    CredentialsInterceptor(AppCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * A CORS preflight is let through without credentials: a browser never sends them in one, and Spring MVC has no
     * error handler for a preflight, so their 401 became a 500. No CORS is configured, so the preflight is answered
     * without {@code Access-Control-Allow-*} headers and the browser does not send the request: the API is for servers.
     */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!CorsUtils.isPreFlightRequest(request)) {
            check(credentials, request);
        }
        return true;
    }

    /** Throws the {@code 401} a request without the right credentials gets. */
    static void check(AppCredentials credentials, HttpServletRequest request) {
        String id = request.getHeader(APP_ID);
        String token = request.getHeader(APP_TOKEN);
        if (id == null || token == null) {
            throw ApiException.unauthorized("The " + APP_ID + " and " + APP_TOKEN + " headers are required.");
        }
        if (!credentials.matches(id, token)) {
            throw ApiException.unauthorized(
                    "The " + APP_ID + " and " + APP_TOKEN + " headers do not match the configured credentials.");
        }
    }
}
