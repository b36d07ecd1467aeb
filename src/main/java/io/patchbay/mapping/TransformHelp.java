package io.patchbay.mapping;

/** A transform mappings may call, as the mapping editor explains it. */
public record TransformHelp(String name, String usage, String description) {}
