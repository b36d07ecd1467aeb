package io.patchbay.catalog.spi;

/** A record pushed to a connection, at its position in the order Patchbay received it. */
public record PushedRecord(long position, SourceRecord record) {}
