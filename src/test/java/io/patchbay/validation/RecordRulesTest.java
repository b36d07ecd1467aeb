package io.patchbay.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.mapping.MappedRecord;
import io.patchbay.mapping.RecordProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class RecordRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aValueTwoRecordsOfABatchShareBreaksUniqueOnBothButOneRecordTwiceIsOneRecord() {
        var rules = new RecordRules(new ValidationRules(List.of(ValidationRule.unique("email")), 5));

        List<MappedRecord> checked = rules.check(List.of(
                record("1", "{\"email\": \"ada@example.com\"}"),
                record("2", "{\"email\": \"ada@example.com\"}"),
                record("3", "{\"email\": \"grace@example.com\"}"),
                record("3", "{\"email\": \"grace@example.com\"}"),
                record("4", "{}")));

        assertThat(checked).extracting(MappedRecord::valid).containsExactly(false, false, true, true, true);
        assertThat(checked.getFirst().problems())
                .singleElement()
                .isEqualTo(new RecordProblem("/email", RecordProblem.Kind.RULE, "is not unique in the batch"));
    }

    @Test
    void aValueOutsideTheAllowedOnesBreaksTheRuleAndNamesThem() {
        var rules = new RecordRules(
                new ValidationRules(List.of(ValidationRule.allowed("stage", List.of("open", "won"))), 5));

        List<MappedRecord> checked = rules.check(
                List.of(record("1", "{\"stage\": \"open\"}"), record("2", "{\"stage\": \"lost\"}"), record("3", "{}")));

        assertThat(checked).extracting(MappedRecord::valid).containsExactly(true, false, true);
        assertThat(checked.get(1).problems().getFirst().reason())
                .isEqualTo("/stage: is not one of the allowed values (open, won)");
    }

    @Test
    void aReferenceToNoExistingRecordBreaksTheRule() {
        ValidationRule company = ValidationRule.references("company", "company.name");
        var rules = new RecordRules(new ValidationRules(List.of(company), 5));
        List<MappedRecord> batch =
                List.of(record("1", "{\"company\": \"Acme\"}"), record("2", "{\"company\": \"Nowhere Ltd\"}"));

        assertThat(rules.referenced(batch)).isEqualTo(Map.of(company, Set.of("Acme", "Nowhere Ltd")));
        List<MappedRecord> checked = RecordRules.withReferences(batch, Map.of(company, Set.of("Acme")));

        assertThat(checked).extracting(MappedRecord::valid).containsExactly(true, false);
        assertThat(checked.get(1).problems().getFirst().reason())
                .isEqualTo("/company: names no existing company (by name)");
    }

    private static MappedRecord record(String id, String json) {
        return new MappedRecord(id, (ObjectNode) JSON.readTree(json), List.of());
    }
}
