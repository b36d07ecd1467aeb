/** A tenant's configured instances of connectors: setup drafts, settings, secrets, schedule and state. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Connection")
package io.patchbay.connection;

import org.jspecify.annotations.NullMarked;
