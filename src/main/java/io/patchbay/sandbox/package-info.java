/**
 * Bundled external systems for demos and tests, served by the hub itself over HTTP: the Sandbox CRM (API key),
 * Sandbox Billing (OAuth2 client credentials, signed webhooks) and the Sandbox Calendar (a person's consent, OAuth2
 * authorization code). Connections reach them exactly as they reach a third party.
 */
@NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Sandbox")
package io.patchbay.sandbox;

import org.jspecify.annotations.NullMarked;
