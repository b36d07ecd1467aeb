package io.patchbay.catalog;

/** A connector version a connection can move to from the one it is on, and what changed between them. */
public record Upgrade(String from, String to, String notes) {}
