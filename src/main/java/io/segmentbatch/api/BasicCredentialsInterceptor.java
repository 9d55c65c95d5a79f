package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Lets a browser into the HTML pages ({@code /runs}) with HTTP Basic: user name = the app ID, password = the app
 * token, the same credentials as {@code /v1}. Otherwise it answers 401 with a challenge, so the browser asks.
 */
class BasicCredentialsInterceptor implements HandlerInterceptor {
    private static final String PREFIX = "Basic ";

    private final AppCredentials credentials;

    BasicCredentialsInterceptor(AppCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            String decoded = decode(header.substring(PREFIX.length()).trim());
            int colon = decoded == null ? -1 : decoded.indexOf(':');
            if (decoded != null
                    && colon >= 0
                    && credentials.matches(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return true;
            }
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"segment-batch\", charset=\"UTF-8\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Sign in with the app ID as user name and the app token as password.\n");
        return false;
    }

    private static @Nullable String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
