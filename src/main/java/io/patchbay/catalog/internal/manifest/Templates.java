package io.patchbay.catalog.internal.manifest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * The manifests' one templating rule: {@code {{config.name}}} is a connection setting (secrets included),
 * {@code {{response:/json/pointer}}} a value from a response and {@code {{record:/json/pointer}}} one from the record
 * being written. Nothing else is evaluated.
 */
final class Templates {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*(config\\.([A-Za-z0-9_]+)|response:(/[^}\\s]*)|record:(/[^}\\s]*))\\s*}}");

    private Templates() {}

    static String render(String template, JsonNode config, JsonNode response) {
        return render(template, config, response, MissingNode.getInstance(), false);
    }

    /**
     * A request path for writing {@code record}: the record's values and the settings' are encoded as path segments,
     * so that neither can climb out of the path or add a query.
     */
    static String renderPath(String template, JsonNode config, JsonNode record) {
        return render(template, config, MissingNode.getInstance(), record, true);
    }

    private static String render(
            String template, JsonNode config, JsonNode response, JsonNode record, boolean asPathSegments) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value;
            if (matcher.group(2) != null) {
                value = config.path(matcher.group(2));
            } else if (matcher.group(3) != null) {
                value = response.at(matcher.group(3));
            } else {
                value = record.at(matcher.group(4));
            }
            String text = value.isMissingNode() || value.isNull() ? "" : value.asString();
            if (asPathSegments && matcher.group(3) == null) {
                text = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
