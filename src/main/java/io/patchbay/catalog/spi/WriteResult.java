package io.patchbay.catalog.spi;

/** What a write did: how many records the destination created or changed. Records it already had count as 0. */
public record WriteResult(int written) {}
