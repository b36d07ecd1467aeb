package io.patchbay.catalog.internal.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.catalog.InvalidTemplateException;
import io.patchbay.catalog.Template;
import io.patchbay.catalog.TemplateSource.TemplateDocument;
import io.patchbay.validation.MatchRule;
import io.patchbay.validation.ValidationRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateFilesTest {

    private static final String TEMPLATE = """
            format: 1
            id: strict-crm
            version: 1
            name: Strict CRM
            connector: sandbox-crm@2
            validation:
              quarantineAbovePercent: 2.5
              rules:
                - field: email
                  unique: true
                - field: company
                  allowed: [Acme, Globex]
                - field: company
                  references: company.name
            identity:
              match:
                - email: email
                - domain: email
                - key: phone
            stream:
              name: contacts
              entity: contact
            """;

    @Test
    void validationRulesReadAndRenderBackIntoAnEqualTemplate() {
        Template template = TemplateFiles.parse(new TemplateDocument("test", TEMPLATE));

        assertThat(template.validation().quarantineAbovePercent()).isEqualTo(2.5);
        assertThat(template.validation().rules())
                .containsExactly(
                        ValidationRule.unique("email"),
                        ValidationRule.allowed("company", List.of("Acme", "Globex")),
                        ValidationRule.references("company", "company.name"));
        assertThat(template.identity().match())
                .containsExactly(
                        new MatchRule(MatchRule.Kind.EMAIL, "email"),
                        new MatchRule(MatchRule.Kind.DOMAIN, "email"),
                        new MatchRule(MatchRule.Kind.KEY, "phone"));
        assertThat(TemplateFiles.parse(new TemplateDocument("again", TemplateFiles.render(template))))
                .isEqualTo(template);
    }

    @Test
    void aRuleWithoutOneCheckOrAShareAbove100IsRefusedNamingTheLine() {
        assertThatThrownBy(() -> TemplateFiles.parse(new TemplateDocument(
                        "test", TEMPLATE.replace("      unique: true\n", "      unique: true\n      allowed: [x]\n"))))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("exactly one of unique, allowed or references");
        assertThatThrownBy(() -> TemplateFiles.parse(new TemplateDocument("test", TEMPLATE.replace("2.5", "120"))))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("line 7")
                .hasMessageContaining("from 0 to 100");
    }

    @Test
    void aMatchRuleOfAnUnknownKindIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> TemplateFiles.parse(
                        new TemplateDocument("test", TEMPLATE.replace("- key: phone", "- fuzzy: phone"))))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageContaining("line 16")
                .hasMessageContaining("each match rule is one of email, domain or key");
    }
}
