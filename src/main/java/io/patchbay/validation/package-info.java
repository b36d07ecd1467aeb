/**
 * The template's validation rules on mapped records, beyond the entity's schema: a field unique within a batch, a
 * field with allowed values, a field that must name an existing core record. The record pipeline applies them to
 * every page; what breaks one is quarantined, not written.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Validation")
package io.patchbay.validation;

import org.jspecify.annotations.NullMarked;
