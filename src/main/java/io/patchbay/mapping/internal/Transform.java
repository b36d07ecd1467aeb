package io.patchbay.mapping.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Function;
import org.jspecify.annotations.Nullable;

/**
 * One of the named transforms mappings may call. Each takes text (or null, which it returns as null, as JSLT's own
 * functions do) and says in {@link #usage()} how to call it, for the mapping editor's help.
 */
abstract class Transform implements Function {

    private final String name;
    private final int minArguments;
    private final int maxArguments;
    private final String usage;
    private final String description;

    Transform(String name, int minArguments, int maxArguments, String usage, String description) {
        this.name = name;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.usage = usage;
        this.description = description;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getMinArguments() {
        return minArguments;
    }

    @Override
    public int getMaxArguments() {
        return maxArguments;
    }

    String usage() {
        return usage;
    }

    String description() {
        return description;
    }

    @Override
    public JsonNode call(JsonNode input, JsonNode[] arguments) {
        JsonNode value = arguments[0];
        if (value == null || value.isNull() || value.isMissingNode()) {
            return Jackson2.NODES.nullNode();
        }
        return apply(value, arguments);
    }

    abstract JsonNode apply(JsonNode value, JsonNode[] arguments);

    static @Nullable String optionalText(JsonNode[] arguments, int index) {
        if (arguments.length <= index || arguments[index] == null || arguments[index].isNull()) {
            return null;
        }
        return arguments[index].asText();
    }

    static JsonNode text(@Nullable String value) {
        return value == null ? Jackson2.NODES.nullNode() : Jackson2.NODES.textNode(value);
    }
}
