/**
 * The schema registry: the canonical entities (contact, company, invoice, ...) and event types
 * ({@code contact.updated}, ...) as versioned JSON Schemas, each subject with a compatibility mode that every new
 * version is checked against.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Schema registry")
package io.patchbay.schema;

import org.jspecify.annotations.NullMarked;
