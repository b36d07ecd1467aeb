/** Tenants and their users; who is acting and for which tenant. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package io.patchbay.tenancy;

import org.jspecify.annotations.NullMarked;
