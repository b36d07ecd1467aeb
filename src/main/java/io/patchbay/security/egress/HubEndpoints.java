package io.patchbay.security.egress;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The hub's own machine endpoints that connectors may call on the hub's own origin: the bundled sandbox systems and
 * the webhook URLs. Anyone may call these paths from outside, so calling them from inside opens nothing new; every
 * other path of the hub (the actuator, the UI) and every other port of its machine stay closed.
 *
 * @param origin where the hub reaches itself, e.g. {@code http://localhost:8080}
 * @param pathPrefixes the paths open there, each ending in {@code /}, e.g. {@code /sandbox/crm/}
 */
public record HubEndpoints(URI origin, List<String> pathPrefixes) {

    /** One path segment: unreserved characters, sub-delimiters but ';', ':' and '@', and percent-encodings. */
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z0-9._~!$&'()*+,=:@-]|%[0-9A-Fa-f]{2})*");

    /** Encodings a web server may decode before it matches the path: dots, slashes, backslashes, percent, NUL. */
    private static final Pattern TRICKY_ENCODING = Pattern.compile("%(2e|2f|5c|25|00)", Pattern.CASE_INSENSITIVE);

    public HubEndpoints {
        pathPrefixes = List.copyOf(pathPrefixes);
    }

    /** Whether the URI is on the hub's own origin, whatever its path. */
    boolean sameOrigin(URI uri) {
        return sameOrigin(uri, origin);
    }

    /** Whether two absolute URIs share scheme, host and port, default ports filled in. */
    static boolean sameOrigin(URI one, URI other) {
        return Objects.equals(scheme(one), scheme(other))
                && one.getHost() != null
                && other.getHost() != null
                && ClosedDestinations.normalize(one.getHost()).equals(ClosedDestinations.normalize(other.getHost()))
                && port(one) == port(other);
    }

    /** Whether the URI's path is one of the open ones, read as the hub's web server would read it. */
    boolean opens(URI uri) {
        String path = uri.getRawPath();
        if (path == null
                || !path.startsWith("/")
                || TRICKY_ENCODING.matcher(path).find()) {
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if ((segment.isEmpty() && !last)
                    || segment.equals(".")
                    || segment.equals("..")
                    || !SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return pathPrefixes.stream().anyMatch(path::startsWith);
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(scheme(uri)) ? 443 : 80;
    }
}
