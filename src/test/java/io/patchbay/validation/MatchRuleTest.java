package io.patchbay.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class MatchRuleTest {

    private static ObjectNode record(String field, String value) {
        return JsonNodeFactory.instance.objectNode().put(field, value);
    }

    @Test
    void emailsAreComparedWithoutCaseOrSurroundingSpaces() {
        var rule = new MatchRule(MatchRule.Kind.EMAIL, "email");
        assertThat(rule.keyOf(record("email", "  Ada.Lovelace@Example.COM "))).isEqualTo("ada.lovelace@example.com");
        assertThat(rule.keyOf(record("email", "not an email"))).isNull();
        assertThat(rule.keyOf(record("email", ""))).isNull();
        assertThat(rule.keyOf(JsonNodeFactory.instance.objectNode().putNull("email")))
                .isNull();
        assertThat(rule.keyOf(JsonNodeFactory.instance.objectNode())).isNull();
    }

    @Test
    void aDomainIsTheHostOfAWebAddressOrOfAnEmailWithoutWww() {
        var rule = new MatchRule(MatchRule.Kind.DOMAIN, "website");
        assertThat(rule.keyOf(record("website", "https://www.Initech.com/about")))
                .isEqualTo("initech.com");
        assertThat(rule.keyOf(record("website", "initech.com"))).isEqualTo("initech.com");
        assertThat(rule.keyOf(record("website", "billing@Initech.com"))).isEqualTo("initech.com");
        assertThat(rule.keyOf(record("website", "localhost"))).isNull();
        assertThat(rule.keyOf(record("website", "http://[bad"))).isNull();
    }

    @Test
    void aKeyIsItsValueTrimmedAndNumbersCount() {
        var rule = new MatchRule(MatchRule.Kind.KEY, "customerNumber");
        assertThat(rule.keyOf(record("customerNumber", " C-042 "))).isEqualTo("C-042");
        assertThat(rule.keyOf(JsonNodeFactory.instance.objectNode().put("customerNumber", 42)))
                .isEqualTo("42");
    }

    @Test
    void aRecordsKeysFollowTheRulesOrderAndLeaveOutWhatItLacks() {
        var rules = new IdentityRules(List.of(
                new MatchRule(MatchRule.Kind.KEY, "customerNumber"), new MatchRule(MatchRule.Kind.EMAIL, "email")));
        assertThat(rules.keysOf(record("email", "a@b.example")))
                .extracting(IdentityRules.Key::value)
                .containsExactly("a@b.example");
        assertThat(rules.describe())
                .isEqualTo("by the identity link, then the same customerNumber, then the same email (ignoring case)");
        assertThat(IdentityRules.NONE.describe()).isEqualTo("by the identity link only");
    }
}
