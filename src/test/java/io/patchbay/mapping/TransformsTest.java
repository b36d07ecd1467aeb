package io.patchbay.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.schema.SchemaRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The named transforms, each as a mapping calls it. */
class TransformsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Mappings mappings = new Mappings(new SchemaRegistry());

    @Test
    void normalizeEmailTrimsAndLowerCases() {
        assertThat(eval("normalize-email(.v)", "\"  Ada.Lovelace@Example.COM \""))
                .isEqualTo("\"ada.lovelace@example.com\"");
        assertThat(eval("normalize-email(.v)", "null")).isEqualTo("null");
    }

    @Test
    void normalizePhoneGivesE164ReadingLocalNumbersAsTheRegions() {
        assertThat(eval("normalize-phone(.v, \"GB\")", "\"020 7183 8750\"")).isEqualTo("\"+442071838750\"");
        assertThat(eval("normalize-phone(.v)", "\"+1 (415) 555-2671\"")).isEqualTo("\"+14155552671\"");
        assertThat(eval("normalize-phone(.v, \"US\")", "\"call me\""))
                .as("left as it is for the schema to judge")
                .isEqualTo("\"call me\"");
    }

    @Test
    void toUtcReadsOffsetsZonesDatesAndEpochSeconds() {
        assertThat(eval("to-utc(.v)", "\"2026-03-01T10:00:00+01:00\"")).isEqualTo("\"2026-03-01T09:00:00Z\"");
        assertThat(eval("to-utc(.v, \"Europe/Paris\")", "\"2026-07-01T10:00:00\""))
                .isEqualTo("\"2026-07-01T08:00:00Z\"");
        assertThat(eval("to-utc(.v, \"America/New_York\")", "\"2026-01-15\"")).isEqualTo("\"2026-01-15T05:00:00Z\"");
        assertThat(eval("to-utc(.v)", "1767225600")).isEqualTo("\"2026-01-01T00:00:00Z\"");
        assertThat(eval("to-utc(.v)", "\"next Tuesday\"")).isEqualTo("\"next Tuesday\"");
        assertThat(mappings.compile("contact", "{\"firstName\": to-utc(.v, \"Mars/Olympus\")}")
                        .apply("1", JSON.readTree("{\"v\": \"2026-01-15\"}"))
                        .problems())
                .singleElement()
                .asString()
                .contains("there is no time zone \"Mars/Olympus\"");
    }

    @Test
    void mapValueLooksUpWithADefault() {
        assertThat(eval("map-value(.v, {\"A\": \"active\"}, \"unknown\")", "\"A\""))
                .isEqualTo("\"active\"");
        assertThat(eval("map-value(.v, {\"A\": \"active\"}, \"unknown\")", "\"Z\""))
                .isEqualTo("\"unknown\"");
        assertThat(eval("map-value(.v, {\"A\": \"active\"})", "\"Z\"")).isEqualTo("null");
    }

    @Test
    void namesSplitIntoGivenAndFamilyNames() {
        assertThat(eval("first-name(.v)", "\"Ada King Lovelace\"")).isEqualTo("\"Ada King\"");
        assertThat(eval("last-name(.v)", "\"Ada King Lovelace\"")).isEqualTo("\"Lovelace\"");
        assertThat(eval("first-name(.v)", "\"Lovelace, Ada\"")).isEqualTo("\"Ada\"");
        assertThat(eval("last-name(.v)", "\" Lovelace ,  Ada \"")).isEqualTo("\"Lovelace\"");
        assertThat(eval("first-name(.v)", "\"Cher\"")).isEqualTo("\"Cher\"");
        assertThat(eval("last-name(.v)", "\"Cher\"")).isEqualTo("null");
    }

    @Test
    void everyTransformIsExplainedForTheEditor() {
        assertThat(mappings.transforms())
                .extracting(TransformHelp::name)
                .containsExactly(
                        "normalize-email", "normalize-phone", "to-utc", "map-value", "first-name", "last-name");
        assertThat(mappings.transforms())
                .allSatisfy(help -> assertThat(help.usage()).startsWith(help.name() + "("));
    }

    /** The transform's result for {@code value}, through a copy-free mapping to a free-form entity. */
    private String eval(String call, String value) {
        Mapping mapping = mappings.compile("contact", "{\"firstName\": " + call + "}");
        JsonNode record = JSON.readTree("{\"v\": " + value + "}");
        JsonNode out = mapping.apply("1", record).data().path("firstName");
        return out.isMissingNode() ? "null" : out.toString();
    }
}
