package io.patchbay.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.schema.SchemaChange.Kind;
import io.patchbay.schema.internal.SchemaComparison;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Each kind of change between two versions, in words, with the promise it breaks. */
class SchemaComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = """
            {"type": "object", "additionalProperties": false, "required": ["email"],
             "properties": {"email": {"type": "string"}, "age": {"type": "number"},
                            "status": {"enum": ["open", "paid"]}}}""";

    @Test
    void identicalVersionsHaveNoChanges() {
        assertThat(SchemaComparison.between(schema(BASE), schema(BASE))).isEmpty();
    }

    @Test
    void removingAFieldFromAClosedSchemaBreaksBackward() {
        var changes = changes(BASE.replace(", \"age\": {\"type\": \"number\"}", ""));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Kind.FIELD_REMOVED);
            assertThat(change.description()).isEqualTo("Field removed: /age");
            assertThat(change.breaksBackward()).isTrue();
            assertThat(change.breaksForward()).isFalse();
        });
    }

    @Test
    void narrowingATypeBreaksBackwardAndWideningItBreaksForward() {
        SchemaChange narrowed =
                changes(BASE.replace("\"number\"", "\"integer\"")).get(0);
        assertThat(narrowed.kind()).isEqualTo(Kind.TYPE_NARROWED);
        assertThat(narrowed.description()).isEqualTo("Type narrowed: /age: number → integer");
        assertThat(Compatibility.BACKWARD.allows(narrowed)).isFalse();
        assertThat(Compatibility.FORWARD.allows(narrowed)).isTrue();

        SchemaChange widened =
                changes(BASE.replace("\"number\"", "[\"number\", \"null\"]")).get(0);
        assertThat(widened.kind()).isEqualTo(Kind.TYPE_WIDENED);
        assertThat(Compatibility.BACKWARD.allows(widened)).isTrue();
        assertThat(Compatibility.FORWARD.allows(widened)).isFalse();
        assertThat(Compatibility.FULL.allows(widened)).isFalse();
        assertThat(Compatibility.NONE.allows(widened)).isTrue();
    }

    @Test
    void aNewRequiredFieldBreaksBackward() {
        var changes = changes(BASE.replace("\"required\": [\"email\"]", "\"required\": [\"email\", \"phone\"]")
                .replace(
                        "\"email\": {\"type\": \"string\"},",
                        "\"email\": {\"type\": \"string\"}, \"phone\": {\"type\": \"string\"},"));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Kind.REQUIRED_ADDED);
            assertThat(change.description()).isEqualTo("New required field: /phone");
            assertThat(change.breaksBackward()).isTrue();
        });
    }

    @Test
    void anOptionalFieldAddedToAClosedSchemaKeepsBackwardButNotForward() {
        var changes = changes(BASE.replace(
                "\"email\": {\"type\": \"string\"},",
                "\"email\": {\"type\": \"string\"}, \"title\": {\"type\": \"string\"},"));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Kind.FIELD_ADDED);
            assertThat(Compatibility.BACKWARD.allows(change)).isTrue();
            assertThat(Compatibility.FULL.allows(change)).isFalse();
        });
    }

    @Test
    void makingAFieldOptionalBreaksForwardOnly() {
        var changes = changes(BASE.replace("\"required\": [\"email\"]", "\"required\": []"));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.kind()).isEqualTo(Kind.REQUIRED_REMOVED);
            assertThat(change.breaksBackward()).isFalse();
            assertThat(change.breaksForward()).isTrue();
        });
    }

    @Test
    void enumValuesRemovedBreakBackwardAndAddedBreakForward() {
        assertThat(changes(BASE.replace("[\"open\", \"paid\"]", "[\"open\"]")))
                .singleElement()
                .satisfies(change -> {
                    assertThat(change.kind()).isEqualTo(Kind.VALUES_NARROWED);
                    assertThat(change.description()).isEqualTo("/status no longer allows [\"paid\"]");
                });
        assertThat(changes(BASE.replace("[\"open\", \"paid\"]", "[\"open\", \"paid\", \"void\"]")))
                .singleElement()
                .extracting(SchemaChange::kind)
                .isEqualTo(Kind.VALUES_WIDENED);
    }

    @Test
    void tighterBoundsAndNewFormatsBreakBackward() {
        var changes = changes(BASE.replace(
                "\"email\": {\"type\": \"string\"}",
                "\"email\": {\"type\": \"string\", \"maxLength\": 80, \"format\": \"email\"}"));
        assertThat(changes)
                .extracting(SchemaChange::description)
                .containsExactlyInAnyOrder("/email must now be a valid email", "/email: maxLength none → 80");
        assertThat(changes).allMatch(SchemaChange::breaksBackward);
    }

    @Test
    void nestedObjectsAndArrayItemsAreComparedByPath() {
        String before = """
                {"type": "object", "properties": {"lines": {"type": "array",
                  "items": {"type": "object", "properties": {"sku": {"type": "string"}}}}}}""";
        var changes = SchemaComparison.between(schema(before), schema(before.replace("\"string\"", "\"integer\"")));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.path()).isEqualTo("/lines/*/sku");
            assertThat(change.kind()).isEqualTo(Kind.TYPE_CHANGED);
        });
    }

    @Test
    void closingAnOpenSchemaBreaksBackward() {
        var changes = changes(BASE.replace("\"additionalProperties\": false, ", ""));
        assertThat(changes).extracting(SchemaChange::kind).contains(Kind.OPENED);
        assertThat(SchemaComparison.between(
                        schema(BASE.replace("\"additionalProperties\": false, ", "")), schema(BASE)))
                .extracting(SchemaChange::kind)
                .contains(Kind.CLOSED)
                .allSatisfy(kind -> assertThat(kind).isNotNull());
    }

    @Test
    void anUnknownKeywordThatChangedCountsAsBreakingBothWays() {
        var changes = changes(BASE.replace("\"type\": \"object\"", "\"type\": \"object\", \"minProperties\": 2"));
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.breaksBackward()).isTrue();
            assertThat(change.breaksForward()).isTrue();
        });
    }

    private static List<SchemaChange> changes(String after) {
        return SchemaComparison.between(schema(BASE), schema(after));
    }

    private static JsonNode schema(String text) {
        return JSON.readTree(text);
    }
}
