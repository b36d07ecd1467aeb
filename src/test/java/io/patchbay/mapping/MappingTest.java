package io.patchbay.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/** A JSLT mapping turns a source record into a canonical one and says what is wrong with it. */
class MappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Mappings mappings = new Mappings(new SchemaRegistry());

    @Test
    void mapsFieldsAndLeavesOutNullAndBlankOnes() {
        Mapping mapping = mappings.compile("contact", """
                {"firstName": .first, "lastName": .last, "email": normalize-email(.mail), "company": .org,
                 "phone": .tel}""");
        MappedRecord mapped = mapping.apply("c-1", JSON.readTree("""
                {"first": "Ada", "last": "Lovelace", "mail": "ADA@example.com", "org": "  ", "tel": null}"""));
        assertThat(mapped.valid()).isTrue();
        assertThat(mapped.externalId()).isEqualTo("c-1");
        assertThat(mapped.data()).isEqualTo(JSON.readTree("""
                {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com"}"""));
    }

    @Test
    void aRecordThatDoesNotFitTheEntitySaysWhereAndWhy() {
        Mapping mapping = mappings.compile("contact", "{\"firstName\": .first, \"lastName\": .last, \"email\": .mail}");
        MappedRecord mapped = mapping.apply("c-2", JSON.readTree("{\"first\": \"Ada\", \"last\": \" \", \"mail\": 7}"));
        assertThat(mapped.valid()).isFalse();
        assertThat(mapped.problems()).anySatisfy(p -> {
            assertThat(p.pointer()).isEqualTo("/lastName");
            assertThat(p.reason()).startsWith("/lastName:");
        });
        assertThat(mapped.problems()).anySatisfy(p -> {
            assertThat(p.pointer()).isEqualTo("/email");
            assertThat(p.kind()).isEqualTo(RecordProblem.Kind.TYPE);
        });
    }

    @Test
    void aFieldTheEntityDoesNotHaveIsAProblemToo() {
        Mapping mapping = mappings.compile("contact", """
                {"firstName": "A", "lastName": "B", "email": "a@example.com", "shoeSize": 38}""");
        assertThat(mapping.apply("c-3", JSON.readTree("{}")).problems())
                .singleElement()
                .asString()
                .startsWith("/shoeSize:");
    }

    @Test
    void anExpressionThatDoesNotCompileNamesLineAndColumn() {
        assertThatThrownBy(() -> mappings.compile("contact", "{\n  \"firstName\": .first,\n  \"lastName\" .last\n}"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.getMessage()).startsWith("Line 3, column ");
                });
        assertThatThrownBy(() -> mappings.compile("contact", "{\"firstName\": no-such-function(.x)}"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("no-such-function");
    }

    @Test
    void aSyntaxErrorSaysInPlainWordsWhatIsWrongAndWhere() {
        for (String[] mistake : new String[][] {
            {
                "{\n  \"firstName\": .first,\n  \"lastName\" .last\n}",
                "Line 3, column 14: A ':' is missing between the field's name and its value, before '.'."
            },
            {
                "{\"firstName\": .first \"lastName\": .last}",
                "Line 1, column 22: A ',' is missing before \"lastName\": every field but the last ends with a comma."
            },
            {
                "{\"firstName\": \"Ada}",
                "Line 1, column 20: A quote is not closed: the text that starts with \"Ada}\" has no closing \"."
            },
            {
                "{\"firstName\": .first",
                "Line 1, column 20: The mapping ends before it is finished: a closing } is missing."
            },
        }) {
            assertThatThrownBy(() -> mappings.compile("contact", mistake[0]))
                    .as(mistake[0])
                    .isInstanceOf(InvalidMappingException.class)
                    .hasMessage(mistake[1]);
        }
    }

    @Test
    void mappingToAnEntityTheRegistryDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> mappings.compile("spaceship", "{\"name\": .name}"))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("no canonical entity 'spaceship'");
    }

    @Test
    void withoutAnExpressionEveryFieldIsCopiedAsItIs() {
        Mapping mapping = mappings.compile("customers", null);
        var record = JSON.readTree("{\"id\": 1, \"name\": \"\", \"extra\": {\"a\": null}}");
        assertThat(mapping.copiesAsIs()).isTrue();
        assertThat(mapping.apply("1", record).data()).isEqualTo(record);
        assertThat(mapping.apply("1", record).valid()).isTrue();
    }

    @Test
    void aMappingThatFailsOnARecordMarksOnlyThatRecord() {
        Mapping mapping = mappings.compile("contact", "{\"firstName\": to-utc(.x, .zone)}");
        MappedRecord mapped =
                mapping.apply("c-4", JSON.readTree("{\"x\": \"2026-01-01T00:00\", \"zone\": \"Nowhere\"}"));
        assertThat(mapped.valid()).isFalse();
        assertThat(mapped.problems().getFirst().kind()).isEqualTo(RecordProblem.Kind.MAPPING);
        assertThat(mapped.problems().getFirst().reason())
                .startsWith("The mapping failed on this record:")
                .contains("Nowhere");
    }

    @Test
    void aRecordCopiedAsItIsIsNotHeldToTheSchemaOfAnEntityOfTheSameName() {
        Mapping copy = mappings.compile("contact", null);

        MappedRecord copied = copy.apply("row-1", JSON.readTree("{\"first_name\": \"Ada\", \"id\": 1}"));

        assertThat(copied.valid()).isTrue();
        assertThat(copied.data().path("first_name").asString()).isEqualTo("Ada");
    }
}
