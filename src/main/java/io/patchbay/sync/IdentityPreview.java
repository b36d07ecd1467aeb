package io.patchbay.sync;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a link, merge or unlink would leave, before it is done: the record that stays, with its data and the external
 * records it is, and the one that goes away (null when none does).
 */
public record IdentityPreview(
        String summary,
        JsonNode data,
        List<CoreRecordView.Link> links,
        @Nullable CoreRecordView removed) {

    public IdentityPreview {
        links = List.copyOf(links);
    }
}
