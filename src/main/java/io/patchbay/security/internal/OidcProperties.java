package io.patchbay.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Single sign-on through an OIDC provider. Off while {@code issuer-uri} is empty. The provider must put the user's
 * Patchbay roles (a list of role names) and tenant (its slug, e.g. {@code acme}) into the named claims.
 */
@ConfigurationProperties("patchbay.auth.oidc")
record OidcProperties(
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("tenant") String tenantClaim,
        @DefaultValue("SSO") String displayName) {

    static final String REGISTRATION_ID = "sso";

    boolean enabled() {
        return StringUtils.hasText(issuerUri);
    }
}
