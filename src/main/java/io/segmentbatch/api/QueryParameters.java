package io.segmentbatch.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code /v1} request with a query parameter that its endpoint does not take gets a {@code 400} naming it and the
 * ones the endpoint takes, before its handler runs. Such a parameter used to be ignored: a typo ({@code pgae=2}) gave
 * the first page, and a client paging with one of Voucherify's parameters that this service does not have
 * ({@code starting_after}) got the first page forever.
 */
class QueryParameters implements HandlerInterceptor {
    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<Method, Set<String>> taken = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Set<String> names = taken.computeIfAbsent(method.getMethod(), unused -> takenBy(method));
        for (String name : request.getParameterMap().keySet()) {
            if (!names.contains(name)) {
                throw ApiException.badRequest(
                        "unknown_parameter",
                        "Unknown query parameter '" + name + "': " + request.getMethod() + " "
                                + request.getRequestURI()
                                + (names.isEmpty() ? " takes none" : " takes " + String.join(", ", names)) + ".");
            }
        }
        return true;
    }

    private static Set<String> takenBy(HandlerMethod method) {
        Set<String> names = new TreeSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation == null) {
                continue;
            }
            parameter.initParameterNameDiscovery(NAMES);
            String name = !annotation.name().isEmpty()
                    ? annotation.name()
                    : !annotation.value().isEmpty() ? annotation.value() : parameter.getParameterName();
            if (name != null) {
                names.add(name);
            }
        }
        return Collections.unmodifiableSet(names);
    }
}
