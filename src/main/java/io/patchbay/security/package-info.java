/** Sign-in (form and OIDC), the secret vault and the production safety checks. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.patchbay.security;

import org.jspecify.annotations.NullMarked;
