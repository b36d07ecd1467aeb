package io.patchbay.catalog.spi;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One page read from a stream. {@code checkpoint} covers exactly the records in this page and all before it: the
 * runtime commits it in the same transaction as the page's data, and a later read that starts from it neither skips
 * nor repeats a record. {@code hasMore} is false once the stream is read up to now.
 */
public record ReadPage(List<SourceRecord> records, JsonNode checkpoint, boolean hasMore) {}
