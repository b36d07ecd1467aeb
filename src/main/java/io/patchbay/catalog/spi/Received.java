package io.patchbay.catalog.spi;

import java.util.List;

/**
 * What a connector took from pushed data: the message's id (the same for every retry of the same message, so that
 * nothing is applied twice), its records, the problems of the parts it could not use (each naming where, e.g. the
 * line of a file) and a one-line summary for the person or system that pushed it.
 */
public record Received(String messageId, List<SourceRecord> records, List<String> problems, String summary) {

    public Received {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }
}
