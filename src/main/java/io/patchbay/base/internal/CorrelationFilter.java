package io.patchbay.base.internal;

import io.patchbay.base.Correlation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id before anything else sees it (sign-in included): the caller's own {@value
 * Correlation#HEADER} when it is an acceptable one, else a new {@code req-…}. It is in the request's log lines, stored
 * on what the request changes (audit entries, health transitions, notices, inbound messages) and answered in the
 * response's header, so a person quoting it to support points at exactly that request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = Correlation.accepted(request.getHeader(Correlation.HEADER));
        String id = given != null ? given : Correlation.newId("req");
        String outer = MDC.get(Correlation.MDC_KEY);
        MDC.put(Correlation.MDC_KEY, id);
        response.setHeader(Correlation.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (outer == null) {
                MDC.remove(Correlation.MDC_KEY);
            } else {
                MDC.put(Correlation.MDC_KEY, outer);
            }
        }
    }
}
