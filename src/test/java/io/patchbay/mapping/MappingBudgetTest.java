package io.patchbay.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.schema.SchemaRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A mapping runs on a budget: work that doubles with each step, calls that go too deep or loops inside loops stop
 * the record with words a person can act on, while an ordinary mapping is untouched. (These expressions took
 * seconds a record before.)
 */
class MappingBudgetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTACT = """
            "firstName": .first, "lastName": .last, "email": .mail""";
    private final Mappings mappings = new Mappings(new SchemaRegistry());

    @Test
    void workThatDoublesWithEachCallIsStoppedAtTheStepBudget() {
        Mapping mapping = mappings.compile("contact", """
                def f(n) if ($n > 0) f($n - 1) + f($n - 1) else 1
                {%s, "company": string(f(40))}""".formatted(CONTACT));

        MappedRecord mapped = mapping.apply("c-1", ada());

        assertThat(mapped.valid()).isFalse();
        assertThat(mapped.problems().getFirst().kind()).isEqualTo(RecordProblem.Kind.BUDGET);
        assertThat(mapped.problems().getFirst().reason())
                .startsWith("The mapping was stopped on this record: it took more than its steps (200,000 steps a"
                        + " record)")
                .contains("simplify the mapping");
    }

    @Test
    void callsThatGoTooDeepAreStoppedAtTheDepthLimit() {
        Mapping mapping = mappings.compile("contact", """
                def down(n) if ($n > 0) down($n - 1) else 0
                {%s, "company": string(down(100000))}""".formatted(CONTACT));

        MappedRecord mapped = mapping.apply("c-1", ada());

        assertThat(mapped.problems().getFirst().reason())
                .contains("its functions called each other too deep (64 calls deep)");
    }

    @Test
    void loopsInsideLoopsOverARecordsArraysAreStopped() {
        ObjectNode record = ada();
        ArrayNode tags = record.putArray("tags");
        for (int i = 0; i < 300; i++) {
            tags.add("tag-" + i);
        }
        Mapping mapping = mappings.compile("contact", """
                let tags = .tags
                {%s, "company": string(size([for ($tags) [for ($tags) [for ($tags) 1]]]))}""".formatted(CONTACT));

        assertThat(mapping.apply("c-1", record).problems().getFirst().reason())
                .startsWith("The mapping was stopped on this record");
    }

    @Test
    void theTimeBudgetStopsWhatTheStepsWouldAllow() {
        var slow = new Mappings(
                new SchemaRegistry(),
                new MappingBudget(Long.MAX_VALUE, Duration.ofMillis(50), 64, Duration.ofSeconds(1)));
        Mapping mapping = slow.compile("contact", """
                def f(n) if ($n > 0) f($n - 1) + f($n - 1) else 1
                {%s, "company": string(f(60))}""".formatted(CONTACT));

        assertThat(mapping.apply("c-1", ada()).problems().getFirst().reason())
                .contains("it took longer than its time (50 ms a record)");
    }

    @Test
    void anOrdinaryMappingAndAModestRecursionAreUntouched() {
        Mapping mapping = mappings.compile("contact", """
                def f(n) if ($n > 0) f($n - 1) + 1 else 0
                {%s, "company": string(f(20)) + " Ltd"}""".formatted(CONTACT));

        MappedRecord mapped = mapping.apply("c-1", ada());

        assertThat(mapped.valid()).as(mapped.problems().toString()).isTrue();
        assertThat(mapped.data().path("company").asString()).isEqualTo("20 Ltd");
        // the same compiled mapping, many times over: the budget is per record, not per mapping
        for (int i = 0; i < 1_000; i++) {
            assertThat(mapping.apply("c-" + i, ada()).valid()).isTrue();
        }
    }

    @Test
    void aMappingCannotImportFiles() {
        assertThatThrownBy(() -> mappings.compile("contact", """
                        import "application.yml" as config
                        {%s}""".formatted(CONTACT)))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("cannot import other files");
    }

    private static ObjectNode ada() {
        JsonNode record = JSON.readTree("""
                {"first": "Ada", "last": "Lovelace", "mail": "ada@example.com"}""");
        return (ObjectNode) record;
    }
}
