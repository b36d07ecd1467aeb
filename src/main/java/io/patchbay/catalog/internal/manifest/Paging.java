package io.patchbay.catalog.internal.manifest;

import io.patchbay.catalog.internal.manifest.ConnectorManifest.Pagination;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ErrorClass;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pagination strategies a manifest can name: page number, offset, cursor token, next URL in the body and the
 * {@code Link} header. A page state is a small JSON object ({@code {"page": 3}}, {@code {"token": "..."}},
 * {@code {"url": "..."}}) so that it can live in a checkpoint.
 */
final class Paging {

    private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

    private Paging() {}

    /** Query parameters for the page that {@code state} names (null: the first page). */
    static Map<String, String> params(Pagination pagination, @Nullable JsonNode state) {
        Map<String, String> params = new LinkedHashMap<>();
        if (pagination.sizeParam() != null && pagination.size() != null) {
            params.put(pagination.sizeParam(), String.valueOf(pagination.size()));
        }
        switch (pagination.type()) {
            case "page_number" ->
                params.put(
                        pagination.pageParam(),
                        String.valueOf(state == null ? 1 : state.path("page").asInt(1)));
            case "offset" ->
                params.put(
                        pagination.offsetParam(),
                        String.valueOf(state == null ? 0 : state.path("offset").asLong(0)));
            case "cursor" -> {
                if (state != null && state.hasNonNull("token")) {
                    params.put(pagination.cursorParam(), state.get("token").asString());
                }
            }
            default -> {
                // none, next_url, link_header: the next page's URL carries its own parameters
            }
        }
        return params;
    }

    /** The URL of the page {@code state} names, where the strategy follows URLs; null otherwise. */
    static @Nullable String url(@Nullable JsonNode state) {
        return state != null && state.hasNonNull("url") ? state.get("url").asString() : null;
    }

    /** The state of the page after this one, or null when this was the last page. */
    static @Nullable ObjectNode next(
            Pagination pagination, HttpExchange.Fetched page, int count, @Nullable JsonNode state) {
        ObjectNode next = JsonNodeFactory.instance.objectNode();
        switch (pagination.type()) {
            case "page_number" -> {
                if (!hasMore(pagination, page, count)) return null;
                return next.put("page", (state == null ? 1 : state.path("page").asInt(1)) + 1);
            }
            case "offset" -> {
                if (!hasMore(pagination, page, count)) return null;
                return next.put(
                        "offset", (state == null ? 0 : state.path("offset").asLong(0)) + count);
            }
            case "cursor" -> {
                String token = page.body().at(pagination.cursorPath()).asString("");
                if (token.isEmpty() || count == 0) return null;
                if (state != null && token.equals(state.path("token").asString())) {
                    throw new ConnectorException(
                            ErrorClass.DATA,
                            "The API returned the same page cursor twice; reading on would loop.",
                            "Report this to the system's support; the stream resumes once its cursors advance.");
                }
                return next.put("token", token);
            }
            case "next_url" -> {
                String url = page.body().at(pagination.nextUrlPath()).asString("");
                return url.isEmpty() ? null : next.put("url", url);
            }
            case "link_header" -> {
                String link = page.response().header("Link").orElse("");
                Matcher matcher = LINK_NEXT.matcher(link);
                return matcher.find() ? next.put("url", matcher.group(1)) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** For page and offset strategies: the {@code has_more} flag where the API gives one, else a full page. */
    static boolean hasMore(Pagination pagination, HttpExchange.Fetched page, int count) {
        if (pagination.hasMore() != null) {
            return page.body().at(pagination.hasMore()).asBoolean(false);
        }
        return pagination.size() != null && count >= pagination.size();
    }

    /** Whether each page can restart at the cursor (the API sorts by it and pages by number or offset). */
    static boolean restartsAtCursor(Pagination pagination) {
        return switch (pagination.type()) {
            case "page_number", "offset", "none" -> true;
            default -> false;
        };
    }
}
