package io.patchbay.security.internal;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import io.patchbay.security.SignInPausedException;
import io.patchbay.security.ui.LoginView;
import io.patchbay.tenancy.TenantService;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach what: the hub behind a login (form, plus SSO when configured); machine endpoints stateless.
 *
 * @see <a href="../../../../../../../docs/adr/0009-sign-in-hardening.md">ADR 9: sign-in hardening</a>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// services carry @PreAuthorize; this makes Spring enforce it
@EnableMethodSecurity
class SecurityConfiguration {

    /** Browser features no page of the hub uses; a script that got in anyway cannot ask for them either. */
    private static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()";

    /**
     * Prometheus scrapes {@code /actuator/prometheus} with the scrape account's HTTP Basic credentials
     * ({@code patchbay.metrics.*}), which no person's sign-in opens; with none configured, nobody reads it.
     */
    @Bean
    @Order(0)
    SecurityFilterChain metricsScrape(HttpSecurity http, MetricsScrapeProperties scrape) throws Exception {
        var scraper = new InMemoryUserDetailsManager();
        if (scrape.configured()) {
            scraper.createUser(User.withUsername(scrape.username())
                    .password(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                            .encode(scrape.password()))
                    .roles("METRICS_SCRAPER")
                    .build());
        }
        var provider = new DaoAuthenticationProvider(scraper);
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return http.securityMatcher("/actuator/prometheus")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("METRICS_SCRAPER"))
                .authenticationManager(new ProviderManager(provider))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

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
            RequestUtil vaadinRequests,
            ContentSecurityPolicy contentSecurityPolicy,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2UserService<OidcUserRequest, OidcUser>> oidcUsers)
            throws Exception {
        http.with(
                VaadinSecurityConfigurer.vaadin(),
                vaadin -> vaadin.loginView(LoginView.class)
                        // Vaadin exempts its login view's path from CSRF protection, and that path is also where the
                        // login
                        // form posts: any site could sign a visitor in to an account of its choosing
                        .enableCsrfConfiguration(false));
        // Vaadin's own requests carry Vaadin's CSRF token; every other POST needs Spring's, the login form's too
        // (vaadin-login-form sends the token Vaadin puts into the page's <meta name="_csrf">)
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest));
        http.formLogin(login -> login.failureHandler(signInFailures()));
        // an error page shows the status it was given (403, 404), not a redirect to the login page
        http.authorizeHttpRequests(requests ->
                requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll());
        http.headers(headers -> headers.addHeaderWriter(contentSecurityPolicy)
                .frameOptions(frames -> frames.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                .crossOriginOpenerPolicy(opener -> opener.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                // written before the request goes on, not when the response commits: Vaadin 25 writes its page past
                // Spring Security's response wrapper, so headers written at commit never reach the login page
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        if (oidc.enabled()) {
            http.oauth2Login(login -> login.loginPage("/" + LoginView.PATH)
                    .clientRegistrationRepository(registrations.getObject())
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcUsers.getObject())));
        }
        return http.build();
    }

    /**
     * Back to the login page: {@code ?paused} when signing in is paused, with the pause kept in the session for the
     * page to say until when; {@code ?error} otherwise.
     */
    private static AuthenticationFailureHandler signInFailures() {
        var failed = new SimpleUrlAuthenticationFailureHandler("/" + LoginView.PATH + "?error");
        var paused = new SimpleUrlAuthenticationFailureHandler("/" + LoginView.PATH + "?" + LoginView.PAUSED);
        return (request, response, exception) -> (exception instanceof SignInPausedException ? paused : failed)
                .onAuthenticationFailure(request, response, exception);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * User name and password, checked only while the throttle lets the attempt through. It is the only
     * authentication provider bean, and the user details service is not a bean: Spring Security's global
     * authentication manager is then this provider alone, with no provider of its own making beside it that would
     * check the password of an attempt refused here.
     */
    @Bean
    AuthenticationProvider signIn(TenantService tenants, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
        UserDetailsService users = username -> tenants.findUser(username)
                .filter(account -> account.passwordHash() != null)
                .map(PatchbayUser::of)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ThrottledSignIn(passwords, throttle);
    }
}
