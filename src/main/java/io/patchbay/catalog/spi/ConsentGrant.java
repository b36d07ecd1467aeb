package io.patchbay.catalog.spi;

import org.jspecify.annotations.Nullable;

/**
 * What a person's consent gave: the tokens, and who consented as the provider names them (for "Connected as …";
 * null when the provider does not say).
 */
public record ConsentGrant(OAuth2Tokens tokens, @Nullable String account) {}
