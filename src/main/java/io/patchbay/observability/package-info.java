/**
 * What people read: each connection's health (computed from its recent runs, never set by hand), the hub's list
 * of connections and each connection's page with its run timeline.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Observability")
package io.patchbay.observability;

import org.jspecify.annotations.NullMarked;
