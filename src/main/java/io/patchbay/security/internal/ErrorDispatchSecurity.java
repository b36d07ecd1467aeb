package io.patchbay.security.internal;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Error dispatches pass security as they are. The request that failed was already let through (or refused) on its
 * way in; its error must be answered with its status, not with a redirect to the login page: a webhook sender that
 * follows redirects would take the login page's 200 for success.
 */
@Configuration(proxyBeanMethods = false)
class ErrorDispatchSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain errorDispatches(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> request.getDispatcherType() == DispatcherType.ERROR)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }
}
