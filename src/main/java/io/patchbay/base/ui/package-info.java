/** Shared UI: the main layout, the not-found page and formatting every view uses. */
@NullMarked
@org.springframework.modulith.NamedInterface("ui")
package io.patchbay.base.ui;

import org.jspecify.annotations.NullMarked;
