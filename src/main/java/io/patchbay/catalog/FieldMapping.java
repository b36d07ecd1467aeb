package io.patchbay.catalog;

/** One field of a template's mapping: where it comes from in the external record and where it lands. */
public record FieldMapping(String source, String target, String label, boolean required) {}
