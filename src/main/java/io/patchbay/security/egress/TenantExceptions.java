package io.patchbay.security.egress;

import java.util.Optional;

/**
 * The exceptions to the egress rules that the tenant in scope holds: a host on its own network that its connectors
 * may reach on a private address or over plain http, once a solutions engineer approved it and until it expires.
 */
@FunctionalInterface
public interface TenantExceptions {

    TenantExceptions NONE = host -> Optional.empty();

    /** The tenant's exception for this host (normalised: lower case, no brackets, no trailing dot), if it holds one. */
    Optional<Held> held(String host);

    /**
     * @param opens whether it opens the host now (approved and not expired)
     * @param whyNot when it does not: what state it is in and what to do, e.g. "The network exception for … expired on
     *     … ; request it again."
     */
    record Held(boolean opens, String whyNot) {}
}
