/**
 * The template's validation rules on mapped records, beyond the entity's schema: a field unique within a batch, a
 * field with allowed values, a field that must name an existing core record. The record pipeline applies them to
 * every page; what breaks one is quarantined, not written. And the template's identity rules: how a record finds the
 * core record it is across the tenant's connections (the same email, domain or key).
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Validation")
package io.patchbay.validation;

import org.jspecify.annotations.NullMarked;
