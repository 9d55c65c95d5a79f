package io.segmentbatch.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;

/**
 * Keeps every actuator endpoint but {@code health} (and its probes {@code health/liveness}, {@code health/readiness})
 * behind the same {@code X-App-Id} / {@code X-App-Token} as {@code /v1}: metrics, prometheus, info, the endpoint list
 * and any endpoint added later. Without configured credentials nothing but health is answered.
 *
 * <p>Health answers anyone with its components' statuses; its details (the database's product, the disk's path and
 * free space) only a request with the credentials, which this filter marks as authenticated for the actuator
 * ({@code management.endpoint.health.show-details=when-authorized}).
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
        if (!actuator) {
            chain.doFilter(request, response);
            return;
        }
        String id = request.getHeader(CredentialsInterceptor.APP_ID);
        String token = request.getHeader(CredentialsInterceptor.APP_TOKEN);
        boolean authenticated = id != null && token != null && credentials != null && credentials.matches(id, token);
        if (health) {
            chain.doFilter(authenticated ? new Authenticated(request, id) : request, response);
            return;
        }
        if (!authenticated) {
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

    /** A request whose credentials matched: the actuator shows it health's details. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final Principal app;

        Authenticated(HttpServletRequest request, String appId) {
            super(request);
            this.app = () -> appId;
        }

        @Override
        public Principal getUserPrincipal() {
            return app;
        }
    }

    private static boolean under(String path, String base) {
        return path.equals(base) || path.startsWith(base + "/");
    }
}
