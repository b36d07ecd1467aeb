package io.patchbay.connection;

/**
 * A connection breaking one of its template's guardrails: which rule (an id exceptions are asked for by), the field it
 * concerns, what is wrong in words, and how to meet it.
 */
public record GuardrailViolation(String rule, String field, String message, String fix) {}
