package io.patchbay.catalog.internal.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifests' one templating rule: {@code {{config.name}}} is a connection setting (secrets included), and
 * {@code {{response:/json/pointer}}} a value from a response. Nothing else is evaluated.
 */
final class Templates {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*(config\\.([A-Za-z0-9_]+)|response:(/[^}\\s]*))\\s*}}");

    private Templates() {}

    static String render(String template, JsonNode config, JsonNode response) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = matcher.group(2) != null ? config.path(matcher.group(2)) : response.at(matcher.group(3));
            matcher.appendReplacement(
                    out, Matcher.quoteReplacement(value.isMissingNode() || value.isNull() ? "" : value.asText()));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
