package io.patchbay.tenancy;

/** What a user may do. Spring Security sees each as the authority {@code ROLE_<name>}. */
public enum Role {
    CUSTOMER_ADMIN("Customer admin"),
    SUPPORT_AGENT("Support agent"),
    SOLUTIONS_ENGINEER("Solutions engineer");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
