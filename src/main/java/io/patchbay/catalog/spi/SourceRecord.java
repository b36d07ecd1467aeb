package io.patchbay.catalog.spi;

import tools.jackson.databind.node.ObjectNode;

/** One record as the external system has it: its id there, and its fields. */
public record SourceRecord(String externalId, ObjectNode data) {}
