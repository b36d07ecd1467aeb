package io.patchbay.security.internal;

import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** The OIDC client registration, present only when {@code patchbay.auth.oidc.issuer-uri} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${patchbay.auth.oidc.issuer-uri:}' != ''")
class OidcConfiguration {

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OidcProperties oidc) {
        return new InMemoryClientRegistrationRepository(ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                .registrationId(OidcProperties.REGISTRATION_ID)
                .clientName(oidc.displayName())
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .scope("openid", "profile", "email")
                .build());
    }

    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService(OidcProperties oidc, TenantService tenants) {
        var delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            String slug = user.getClaimAsString(oidc.tenantClaim());
            Tenant tenant = slug == null ? null : tenants.findBySlug(slug).orElse(null);
            if (tenant == null) {
                throw rejected(
                        "unknown_tenant",
                        "Your sign-in names no Patchbay tenant (claim '" + oidc.tenantClaim()
                                + "'). Ask your administrator to add it.");
            }
            Set<Role> roles = roles(user.getClaims().get(oidc.rolesClaim()));
            if (roles.isEmpty()) {
                throw rejected(
                        "no_role",
                        "Your sign-in carries no Patchbay role (claim '" + oidc.rolesClaim()
                                + "'). Ask your administrator for one.");
            }
            String username = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
            return new PatchbayOidcUser(user, tenant.id(), username, roles);
        };
    }

    private static Set<Role> roles(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list
                ? list
                : claim instanceof String text ? Arrays.asList(text.split("[ ,]+")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object value : values) {
            String name = String.valueOf(value).trim().toUpperCase().replace("ROLE_", "");
            Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).forEach(roles::add);
        }
        return roles;
    }

    private static OAuth2AuthenticationException rejected(String code, String message) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, message, null), message);
    }
}
