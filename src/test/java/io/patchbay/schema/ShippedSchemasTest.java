package io.patchbay.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.schema.internal.ShippedSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The build's gate on the shipped schemas: every version of every subject is checked against the one before it under
 * the subject's compatibility mode, so an incompatible change to {@code src/main/resources/schemas} fails
 * {@code ./mvnw verify}.
 */
class ShippedSchemasTest {

    private final SchemaRegistry registry = new SchemaRegistry(ShippedSchemas.load());

    @Test
    void shipsTheCanonicalEntitiesAndEventTypesEachVersionCompatibleWithTheOneBefore() {
        assertThat(registry.subjects())
                .extracting(SchemaSubject::name)
                .contains("contact", "company", "deal", "invoice", "calendar_event")
                .contains("contact.created", "contact.updated", "invoice.paid");
        assertThat(registry.subjects()).allSatisfy(subject -> {
            for (int i = 1; i < subject.versions().size(); i++) {
                var refused = subject.compatibility()
                        .refused(registry.diff(
                                subject.versions().get(i - 1),
                                subject.versions().get(i)));
                assertThat(refused).as(subject.name() + " v" + (i + 1)).isEmpty();
            }
        });
    }

    @Test
    void anIncompatibleVersionStopsTheLoadNamingEachBrokenPromise() {
        assertThatThrownBy(() -> ShippedSchemas.load("classpath*:schemas-incompatible/*/subject.yaml"))
                .hasMessageContaining("contact version 2 is not backward compatible with version 1")
                .hasMessageContaining("Field removed: /phone")
                .hasMessageContaining("Type narrowed: /company: null or string → string")
                .hasMessageContaining("New required field: /birthday");
    }

    @Test
    void recordsAreCheckedAgainstTheNewestVersionOfTheirEntity() {
        var json = new ObjectMapper();
        assertThat(registry.problems("contact", json.readTree("""
                {"firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com", "title": "Analyst"}"""))).isEmpty();
        assertThat(registry.problems("contact", json.readTree("""
                {"firstName": "Ada", "lastName": "", "email": "not an email", "shoeSize": 38}""")))
                .extracting(JsonSchemas.Problem::field)
                .contains("lastName", "email", "shoeSize");
        assertThat(registry.problems("row", json.readTree("{\"anything\": 1}")))
                .as("free-form entities are not in the registry")
                .isEmpty();
    }

    @Test
    void aCandidateVersionIsRefusedWithTheChangesItsModeForbids() {
        var json = new ObjectMapper();
        var candidate =
                registry.subject("invoice").orElseThrow().latest().schema().deepCopy();
        ((tools.jackson.databind.node.ObjectNode) candidate.path("properties").path("status"))
                .set("enum", json.readTree("[\"open\", \"paid\"]"));
        assertThatThrownBy(() -> registry.check("invoice", candidate))
                .isInstanceOfSatisfying(
                        IncompatibleSchemaException.class,
                        e -> assertThat(e.refused())
                                .extracting(SchemaChange::description)
                                .containsExactly("/status no longer allows [\"void\"]"));
    }
}
