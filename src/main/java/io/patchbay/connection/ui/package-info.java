/**
 * The setup screens, and the parts of a connection's page that issue connection commands (its settings actions,
 * consent, guardrails, upgrade offers, save as template) or take its pushed data (its webhook URL, file uploads and what
 * arrived), which the page embeds (ADR 21).
 */
@NullMarked
@org.springframework.modulith.NamedInterface("ui")
package io.patchbay.connection.ui;

import org.jspecify.annotations.NullMarked;
