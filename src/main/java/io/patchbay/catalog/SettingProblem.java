package io.patchbay.catalog;

/** What is wrong with one setting of a connection, in words to show next to its field. */
public record SettingProblem(String field, String message) {}
