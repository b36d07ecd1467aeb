/**
 * The egress guard: the one HTTP client for every outbound call made on a tenant's behalf, and the rules it holds
 * each call to.
 */
@NullMarked
@org.springframework.modulith.NamedInterface("egress")
package io.patchbay.security.egress;

import org.jspecify.annotations.NullMarked;
