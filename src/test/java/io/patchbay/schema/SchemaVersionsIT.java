package io.patchbay.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.audit.AuditService;
import io.patchbay.support.Actors;
import io.patchbay.support.IntegrationTest;
import io.patchbay.tenancy.Role;
import io.patchbay.tenancy.Tenant;
import io.patchbay.tenancy.TenantService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Engineers register a subject's next version at run time, checked against the newest under the subject's mode, and
 * retire old versions step by step; records are checked against what is registered from the moment it commits. Works
 * on {@code deal}, which no template maps to, relative to whatever version it has reached.
 */
@IntegrationTest
class SchemaVersionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SchemaVersions versions;

    @Autowired
    SchemaRegistry registry;

    @Autowired
    TenantService tenants;

    @Autowired
    AuditService audit;

    @Test
    void anEngineerRegistersACompatibleVersionRecordsMeetItAndOldVersionsRetireInAnnouncedSteps() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        SchemaVersion base = registry.subject("deal").orElseThrow().latest();
        String field = "probability" + System.nanoTime();
        String candidate = withField(base, field).toString();

        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            assertThat(versions.preview("deal", candidate))
                    .extracting(SchemaChange::description)
                    .containsExactly("Field added: /" + field);

            SchemaVersion registered = versions.register("deal", candidate, "Adds the chance of winning, in percent");
            assertThat(registered.version()).isEqualTo(base.version() + 1);
        });
        assertThat(registry.subject("deal").orElseThrow().latest().version()).isEqualTo(base.version() + 1);
        assertThat(registry.problems(
                        "deal", JSON.readTree("{\"title\":\"Renewal\",\"stage\":\"open\",\"" + field + "\":150}")))
                .singleElement()
                .satisfies(problem -> assertThat(problem.path()).isEqualTo("$." + field));
        assertThat(Actors.as(
                        operations.id(),
                        Role.SOLUTIONS_ENGINEER,
                        () -> audit.entriesFor("schema", "deal@" + (base.version() + 1), 5)))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("schema.registered");
                    assertThat(entry.details()).containsEntry("notes", "Adds the chance of winning, in percent");
                });

        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            // the newest cannot go further than announced while nothing takes its place
            SchemaVersion newest = versions.moveOn("deal", base.version() + 1);
            assertThat(newest.status()).isEqualTo(VersionStatus.DEPRECATED);
            assertThatThrownBy(() -> versions.moveOn("deal", base.version() + 1))
                    .isInstanceOf(InvalidSchemaException.class)
                    .hasMessageContaining("Register a newer version of deal first");

            for (VersionStatus step : List.of(VersionStatus.DUAL_PUBLISHED, VersionStatus.REMOVED)) {
                if (registry.subject("deal")
                                .orElseThrow()
                                .version(base.version())
                                .orElseThrow()
                                .status()
                        == VersionStatus.ACTIVE) {
                    versions.moveOn("deal", base.version());
                }
            }
        });
        SchemaSubject deal = registry.subject("deal").orElseThrow();
        assertThat(deal.version(base.version()).orElseThrow().status()).isNotEqualTo(VersionStatus.ACTIVE);
        assertThat(deal.latest().version()).isEqualTo(base.version() + 1);
        assertThat(deal.latest().registered()).isNotNull();
        assertThat(deal.latest().moved()).isNotNull();
    }

    @Test
    void whatBreaksTheSubjectsPromiseOrIsNoSchemaIsRefusedNamingWhyAndNothingIsStored() {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        SchemaVersion base = registry.subject("deal").orElseThrow().latest();
        ObjectNode narrowed = (ObjectNode) base.schema();
        ((ObjectNode) narrowed.get("properties")).remove("currency");
        ((tools.jackson.databind.node.ArrayNode) narrowed.get("required")).add("closeDate");

        Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
            assertThatThrownBy(() -> versions.register("deal", narrowed.toString(), "Tidy up"))
                    .isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("deal is backward compatible, and this version breaks it")
                    .hasMessageContaining("Field removed: /currency")
                    .hasMessageContaining("Now required: /closeDate");
            assertThatThrownBy(() -> versions.register("deal", "{\"type\": \"object\",", "Broken"))
                    .isInstanceOfSatisfying(
                            InvalidSchemaException.class,
                            e -> assertThat(e.field()).isEqualTo("schema"))
                    .hasMessageContaining("Not JSON")
                    .hasMessageContaining("line 1");
            assertThatThrownBy(() -> versions.register("deal", "{\"type\": \"no-such-type\"}", "Odd"))
                    .isInstanceOf(InvalidSchemaException.class);
            assertThatThrownBy(
                            () -> versions.register("deal", withField(base, "x").toString(), " "))
                    .isInstanceOfSatisfying(
                            InvalidSchemaException.class,
                            e -> assertThat(e.field()).isEqualTo("notes"));
            assertThatThrownBy(() -> versions.register("deal", base.schema().toString(), "Nothing new"))
                    .isInstanceOf(InvalidSchemaException.class)
                    .hasMessageContaining("same as version " + base.version());
        });
        Actors.as(
                operations.id(),
                Role.CUSTOMER_ADMIN,
                () -> assertThatThrownBy(() ->
                                versions.register("deal", withField(base, "y").toString(), "Not mine to add"))
                        .isInstanceOf(AccessDeniedException.class));
        assertThat(registry.subject("deal").orElseThrow().latest().version()).isEqualTo(base.version());
    }

    @Test
    void engineersRegisteringAtOnceTakeTurnsAndEachIsCheckedAgainstTheVersionBeforeIt() throws Exception {
        Tenant operations = tenants.createOperatorTenant("ops-" + System.nanoTime(), "Operations");
        SchemaVersion base = registry.subject("deal").orElseThrow().latest();
        int engineers = 6;
        var start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(engineers)) {
            for (int i = 0; i < engineers; i++) {
                String field = "field" + i + "x" + System.nanoTime();
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return Actors.as(operations.id(), Role.SOLUTIONS_ENGINEER, () -> {
                        try {
                            versions.register("deal", withField(base, field).toString(), "Adds " + field);
                            return true;
                        } catch (IncompatibleSchemaException removesAnothersField) {
                            return false;
                        }
                    });
                }));
            }
            start.countDown();
            int registered = 0;
            for (Future<Boolean> outcome : outcomes) {
                registered += outcome.get() ? 1 : 0;
            }
            // the first one in adds its field; each later one would remove it again, which backward refuses
            assertThat(registered).isEqualTo(1);
        }
        assertThat(registry.subject("deal").orElseThrow().latest().version()).isEqualTo(base.version() + 1);
    }

    private static JsonNode withField(SchemaVersion base, String field) {
        ObjectNode schema = (ObjectNode) base.schema();
        ((ObjectNode) schema.get("properties"))
                .putObject(field)
                .put("minimum", 0)
                .put("maximum", 100)
                .putArray("type")
                .add("integer")
                .add("null");
        return schema;
    }
}
