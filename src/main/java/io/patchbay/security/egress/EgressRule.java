package io.patchbay.security.egress;

/** The rules the egress guard enforces; a refusal names the one that was broken. */
public enum EgressRule {
    HTTPS_ONLY(
            "https-only",
            "Only https:// addresses may be called, except hosts opened by a network exception or the allowlist."),
    NO_CREDENTIALS_IN_URL("no-credentials-in-url", "Addresses must not carry a user name or password."),
    NEVER_REACHABLE(
            "never-reachable",
            "Loopback, link-local (cloud metadata), unspecified, multicast and reserved addresses, metadata host names"
                    + " and the hub's own addresses are never reachable, whatever the allowlist or exceptions say."),
    PUBLIC_ADDRESSES_ONLY(
            "public-addresses-only",
            "Private and carrier-grade NAT addresses are reachable only for hosts opened by an approved network"
                    + " exception or the allowlist."),
    HUB_PATHS("hub-paths", "On the hub's own address only the bundled sandbox systems and webhook URLs may be called."),
    VALID_URL("valid-url", "The address must be an absolute http(s) URL that names a host."),
    TOO_MANY_REDIRECTS("too-many-redirects", "At most a few redirects are followed, each checked again."),
    RESPONSE_SIZE("response-size", "Responses larger than the configured limit are refused."),
    CHECKED_ADDRESS_ONLY(
            "checked-address-only",
            "A database connection goes only to the address the guard checked: no driver option, server redirect or"
                    + " second lookup can send it elsewhere.");

    private final String id;
    private final String description;

    EgressRule(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
