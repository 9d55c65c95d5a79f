package io.segmentbatch.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Keeps every actuator endpoint but {@code health} (and its probes {@code health/liveness}, {@code health/readiness})
 * behind the same {@code X-App-Id} / {@code X-App-Token} as {@code /v1}: metrics, prometheus, info, the endpoint list
 * and any endpoint added later. Without configured credentials nothing but health is answered.
 */
class ActuatorCredentialsFilter extends OncePerRequestFilter {
    private static final String BASE = "/actuator";
    private static final String HEALTH = BASE + "/health";

    private final @Nullable AppCredentials credentials;

    /** @param credentials null when none are configured: then only health answers */
    ActuatorCredentialsFilter(@Nullable AppCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The raw URI and the container's decoded, normalized path must both say health: "/actuator/health/../env"
        // is not health, however the dispatcher would read it.
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String normalized = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean actuator = under(raw, BASE) || under(normalized, BASE);
        boolean health = under(raw, HEALTH) && under(normalized, HEALTH) && !raw.contains("..") && !raw.contains(";");
        if (!actuator || health) {
            chain.doFilter(request, response);
            return;
        }
        String id = request.getHeader(CredentialsInterceptor.APP_ID);
        String token = request.getHeader(CredentialsInterceptor.APP_TOKEN);
        if (id == null || token == null || credentials == null || !credentials.matches(id, token)) {
            Envelopes.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "Only " + HEALTH
                            + " answers without credentials; the other actuator endpoints need the "
                            + CredentialsInterceptor.APP_ID
                            + " and " + CredentialsInterceptor.APP_TOKEN + " headers of /v1.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
