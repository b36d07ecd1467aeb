package io.patchbay.security.internal;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.patchbay.security.ui.LoginView;
import io.patchbay.tenancy.TenantService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;

/** Who may reach what: the hub behind a login (form, plus SSO when configured); machine endpoints stateless. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// services carry @PreAuthorize; this makes Spring enforce it
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * The sandbox systems play third parties and check their own API keys and tokens (the sandbox calendar's sign-in
     * page, too, stands for a provider's own); webhook URLs check their senders' signatures; health probes are open.
     */
    @Bean
    @Order(1)
    SecurityFilterChain machineEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/sandbox/**", "/hooks/**", "/actuator/health/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain hub(
            HttpSecurity http,
            OidcProperties oidc,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers)
            throws Exception {
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class));
        if (oidc.enabled()) {
            http.oauth2Login(login -> login.loginPage("/" + LoginView.PATH)
                    .clientRegistrationRepository(registrations.getObject())
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUsers.getObject())));
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(TenantService tenants) {
        return username -> tenants.findUser(username)
                .filter(account -> account.passwordHash() != null)
                .map(PatchbayUser::of)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }
}
