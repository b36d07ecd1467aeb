package io.patchbay.mapping.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSLT works on Jackson 2's tree and the hub on Jackson 3's: records cross between them here, as JSON bytes, which is
 * one short serialisation each way and keeps the two libraries' types from meeting anywhere else.
 */
public final class Jackson2 {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JACKSON_2 = new ObjectMapper();
    private static final JsonMapper JACKSON_3 = JsonMapper.builder().build();

    private Jackson2() {}

    public static com.fasterxml.jackson.databind.JsonNode from(JsonNode node) {
        try {
            return JACKSON_2.readTree(JACKSON_3.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode to(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return JACKSON_3.readTree(JACKSON_2.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
