/** Connectors and templates: what Patchbay can connect to, and the presets every setup starts from. */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package io.patchbay.catalog;

import org.jspecify.annotations.NullMarked;
