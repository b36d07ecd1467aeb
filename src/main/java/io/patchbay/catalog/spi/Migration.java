package io.patchbay.catalog.spi;

/**
 * That a connector version can take over connections from the version before it: {@code fromVersion} is that
 * version, {@code notes} says what changed in the words an admin reads before upgrading.
 */
public record Migration(int fromVersion, String notes) {}
