/** Shared foundations: the main layout, error views and the embedded database for laptops. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Base")
package io.patchbay.base;

import org.jspecify.annotations.NullMarked;
