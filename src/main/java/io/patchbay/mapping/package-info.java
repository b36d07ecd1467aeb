/**
 * Mappings: how an external record becomes a canonical one, as a JSLT expression with a small library of named
 * transforms, checked against the entity's schema in the registry.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Mapping")
package io.patchbay.mapping;

import org.jspecify.annotations.NullMarked;
