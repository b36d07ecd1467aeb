package io.patchbay.sandbox;

/**
 * Who may do what with the tenant's sandbox account: everyone in the tenant sees counts, URLs and recent changes;
 * credentials, secrets and the knobs that change data are for those who set connections up.
 */
final class SandboxRoles {

    static final String READ = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";
    static final String CHANGE = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";

    private SandboxRoles() {}
}
