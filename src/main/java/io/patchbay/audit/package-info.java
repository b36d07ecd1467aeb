/** Who did what to which object, and when: an entry for every configuration change. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.patchbay.audit;

import org.jspecify.annotations.NullMarked;
