package io.patchbay.tenancy;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * The hub's HTTP endpoints as Spring MVC maps them (every {@link RequestMappingInfoHandlerMapping}: the controllers
 * and the actuator), each with every method it takes, and the requests an intruder would send them: path variables,
 * wildcards and named request parameters filled with the owner's values, request bodies and own credentials as the
 * sweep was taught them. Whatever it was not taught is reported, never skipped.
 */
final class HttpEndpoints {

    /** The methods a mapping that names none takes (HEAD and OPTIONS answer like GET and carry nothing more). */
    static final List<RequestMethod> EVERY_METHOD = List.of(
            RequestMethod.GET, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\*?)([^}:]+)(?::[^}]*)?}|\\*\\*|\\*");
    private static final DefaultParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    /** One method of one mapped pattern, and the handler that serves it. */
    record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {

        /** How the sweep's teaching names it: {@code POST /hooks/{connectionId}}. */
        String key() {
            return method + " " + pattern;
        }

        String handlerName() {
            return handler.getBeanType().getSimpleName() + "#"
                    + handler.getMethod().getName();
        }

        /** Patchbay's own endpoints are all machine endpoints (webhook URLs, the sandbox systems' APIs). */
        boolean patchbays() {
            return handler.getBeanType().getName().startsWith("io.patchbay.");
        }

        boolean writes() {
            return method != RequestMethod.GET && method != RequestMethod.HEAD && method != RequestMethod.OPTIONS;
        }

        @Override
        public String toString() {
            return key() + " (" + handlerName() + ")";
        }
    }

    /**
     * What an intruder sends in a request's body, for endpoints that read one.
     *
     * @param carries the owner's values in it
     * @param ownCredential whether it is signed or authenticated with the intruder's own credential, so that no
     *     credential header is added to it
     * @param writesNothing whether the endpoint answers it by a protocol that writes nothing, whatever the status
     *     (a sign-in page redirecting to the client's registered address); the fingerprint judges it
     */
    record Body(
            String description,
            String contentType,
            byte[] content,
            Map<String, String> headers,
            List<SweepValues.Value> carries,
            boolean ownCredential,
            boolean writesNothing) {

        static final Body NONE = new Body("", "", new byte[0], Map.of(), List.of(), false, false);

        static Body json(String description, String json, List<SweepValues.Value> carries) {
            return new Body(
                    description,
                    "application/json",
                    json.getBytes(StandardCharsets.UTF_8),
                    Map.of(),
                    carries,
                    false,
                    false);
        }

        static Body form(String description, String form, List<SweepValues.Value> carries) {
            return new Body(
                    description,
                    "application/x-www-form-urlencoded",
                    form.getBytes(StandardCharsets.UTF_8),
                    Map.of(),
                    carries,
                    false,
                    false);
        }

        /** Signed with the intruder's own credential in these headers. */
        Body signed(Map<String, String> signature) {
            return new Body(description, contentType, content, signature, carries, true, writesNothing);
        }

        /** Authenticated with the intruder's own credential inside the body itself. */
        Body authenticated() {
            return new Body(description, contentType, content, headers, carries, true, writesNothing);
        }

        Body answeredWithoutWriting() {
            return new Body(description, contentType, content, headers, carries, ownCredential, true);
        }

        Body asQuery() {
            return new Body(description, "", new byte[0], headers, carries, ownCredential, writesNothing);
        }
    }

    /** What the sweep was taught: the owner's values by parameter name, bodies by endpoint, own credentials. */
    interface Teaching {

        /** The owner's values that fit a parameter of this name ({@code **} for wildcards); empty if none do. */
        List<SweepValues.Value> values(String name);

        /** What an intruder would send to an endpoint that reads its request body; empty if not taught. */
        Optional<List<Body>> bodies(String endpointKey);

        /**
         * The intruder's own value for a request header an endpoint reads, at the endpoint's pattern: a credential,
         * or {@code ""} for a header that needs none; empty if not taught.
         */
        Optional<String> header(String name, String pattern);
    }

    /**
     * One request to send.
     *
     * @param headers the intruder's own credentials, in the headers the endpoint reads them from
     * @param carries every value of the owner's in it
     */
    record Probe(
            Endpoint endpoint, String path, Map<String, String> headers, Body body, List<SweepValues.Value> carries) {

        /** Whether it names an object of the owner's: a write that does must be refused. */
        boolean aimsAtOwner() {
            return carries.stream().anyMatch(SweepValues.Value::addressesOwner);
        }

        /** Whether a refusal (4xx) is what it must get: a write naming the owner's object, not a protocol answer. */
        boolean mustBeRefused() {
            return endpoint.writes() && aimsAtOwner() && !body.writesNothing();
        }

        /** Everything the request itself says, so that an answer repeating it is not taken for a leak. */
        String requestText() {
            return path + " " + headers + " " + body.headers() + " "
                    + new String(body.content(), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return endpoint.method() + " " + path
                    + (body.description().isEmpty() ? "" : " [" + body.description() + "]")
                    + (headers.isEmpty() ? "" : " with the intruder's own " + String.join(", ", headers.keySet()))
                    + " (" + endpoint.handlerName() + ")";
        }
    }

    private final List<Endpoint> endpoints = new ArrayList<>();

    private HttpEndpoints(ApplicationContext context) {
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            mapping.getHandlerMethods().forEach((info, handler) -> {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? EVERY_METHOD : methods) {
                        endpoints.add(new Endpoint(method, pattern, handler));
                    }
                }
            });
        }
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
    }

    static HttpEndpoints mappedIn(ApplicationContext context) {
        return new HttpEndpoints(context);
    }

    List<Endpoint> all() {
        return List.copyOf(endpoints);
    }

    /**
     * Every request to send. An endpoint with a parameter the teaching cannot fill is not sent anything: instead
     * {@code untaught} is told which parameter, and where to teach it.
     */
    List<Probe> probes(Teaching teaching, List<String> untaught) {
        List<Probe> probes = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            int before = untaught.size();
            Inputs inputs = Inputs.of(endpoint.handler());

            List<String> parts = new ArrayList<>();
            List<List<SweepValues.Value>> choices = new ArrayList<>();
            Matcher variable = VARIABLE.matcher(endpoint.pattern());
            int end = 0;
            while (variable.find()) {
                parts.add(endpoint.pattern().substring(end, variable.start()));
                end = variable.end();
                boolean wildcard =
                        variable.group(2) == null || !variable.group(1).isEmpty();
                String name = variable.group(2) == null ? variable.group() : variable.group(2);
                List<SweepValues.Value> values = teaching.values(wildcard ? "**" : name).stream()
                        .filter(value -> fits(value, inputs.pathVariables.get(name)))
                        .toList();
                if (values.isEmpty()) {
                    untaught.add(endpoint + " takes the path " + (wildcard ? "wildcard " : "variable ")
                            + variable.group() + ", which the sweep cannot fill: teach TenantIsolationSweepIT.values()"
                            + " which of the owner's values fit '" + (wildcard ? "**" : name) + "'.");
                }
                choices.add(values);
            }
            parts.add(endpoint.pattern().substring(end));

            Map<String, List<SweepValues.Value>> query = new LinkedHashMap<>();
            inputs.requestParameters.forEach((name, required) -> {
                List<SweepValues.Value> values = teaching.values(name);
                if (!values.isEmpty()) {
                    query.put(name, values);
                } else if (required) {
                    untaught.add(endpoint + " needs the request parameter '" + name
                            + "', which the sweep cannot fill: teach TenantIsolationSweepIT.values() which of the"
                            + " owner's values fit it.");
                }
            });
            choices.addAll(query.values());

            List<Body> bodies = List.of(Body.NONE);
            if (!inputs.opaque.isEmpty() && endpoint.patchbays()) {
                bodies = teaching.bodies(endpoint.key()).orElse(null);
                if (bodies == null) {
                    untaught.add(endpoint + " reads " + String.join(" and ", inputs.opaque)
                            + ": teach TenantIsolationSweepIT.bodies() what an intruder would send to '"
                            + endpoint.key()
                            + "'.");
                    bodies = List.of();
                }
            }

            Map<String, String> credentials = new LinkedHashMap<>();
            for (String header : inputs.headers) {
                Optional<String> value = teaching.header(header, endpoint.pattern());
                if (value.isEmpty()) {
                    untaught.add(endpoint + " reads the header " + header + ": teach"
                            + " TenantIsolationSweepIT.headers() the intruder's own value for it there.");
                } else if (!value.get().isEmpty()) {
                    credentials.put(header, value.get());
                }
            }
            if (untaught.size() > before) {
                continue;
            }

            for (List<SweepValues.Value> combination : SweepValues.combinations(choices)) {
                StringBuilder path = new StringBuilder();
                int variables = choices.size() - query.size();
                for (int i = 0; i < variables; i++) {
                    path.append(parts.get(i))
                            .append(UriUtils.encodePathSegment(
                                    combination.get(i).text(), StandardCharsets.UTF_8));
                }
                path.append(parts.get(parts.size() - 1));
                int q = variables;
                for (String name : query.keySet()) {
                    path.append(q == variables ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(UriUtils.encodeQueryParam(
                                    combination.get(q++).text(), StandardCharsets.UTF_8));
                }
                for (Body taught : bodies) {
                    String address = path.toString();
                    Body body = taught;
                    if (!endpoint.writes() && taught.content().length > 0) {
                        // what a form would post, a read takes in its query
                        address += (address.contains("?") ? "&" : "?")
                                + new String(taught.content(), StandardCharsets.UTF_8);
                        body = taught.asQuery();
                    }
                    List<SweepValues.Value> carries = new ArrayList<>(combination);
                    carries.addAll(body.carries());
                    probes.add(new Probe(endpoint, address, Map.of(), body, carries));
                    if (!credentials.isEmpty() && !body.ownCredential()) {
                        probes.add(new Probe(endpoint, address, credentials, body, carries));
                    }
                }
            }
        }
        return probes;
    }

    /** Whether the handler can take the value where it declares the parameter's type (any text if it does not). */
    private static boolean fits(SweepValues.Value value, Class<?> type) {
        if (type == null || type == String.class) {
            return true;
        }
        try {
            DefaultConversionService.getSharedInstance().convert(value.text(), type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What a handler reads from a request, by its parameters. */
    private record Inputs(
            Map<String, Class<?>> pathVariables,
            Map<String, Boolean> requestParameters,
            List<String> headers,
            List<String> opaque) {

        static Inputs of(HandlerMethod handler) {
            var inputs = new Inputs(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
            for (MethodParameter parameter : handler.getMethodParameters()) {
                parameter.initParameterNameDiscovery(NAMES);
                Class<?> type = parameter.getParameterType();
                String declared = parameter.getParameterName();
                if (parameter.hasParameterAnnotation(PathVariable.class)) {
                    PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
                    inputs.pathVariables.put(named(variable.name(), variable.value(), declared), type);
                } else if (parameter.hasParameterAnnotation(RequestHeader.class)) {
                    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
                    if (Map.class.isAssignableFrom(type) || HttpHeaders.class.isAssignableFrom(type)) {
                        inputs.opaque.add("every request header (" + type.getSimpleName() + ")");
                    } else {
                        inputs.headers.add(named(header.name(), header.value(), declared));
                    }
                } else if (parameter.hasParameterAnnotation(RequestParam.class)) {
                    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                    if (Map.class.isAssignableFrom(type)) {
                        inputs.opaque.add("its request parameters (" + type.getSimpleName() + ")");
                    } else {
                        inputs.requestParameters.put(
                                named(param.name(), param.value(), declared),
                                param.required() && ValueConstants.DEFAULT_NONE.equals(param.defaultValue()));
                    }
                } else if (parameter.hasParameterAnnotation(RequestBody.class)
                        || parameter.hasParameterAnnotation(RequestPart.class)
                        || HttpEntity.class.isAssignableFrom(type)) {
                    inputs.opaque.add("its request body (" + type.getSimpleName() + ")");
                } else if (jakarta.servlet.ServletRequest.class.isAssignableFrom(type)
                        || InputStream.class.isAssignableFrom(type)
                        || Reader.class.isAssignableFrom(type)) {
                    inputs.opaque.add("the raw request (" + type.getSimpleName() + ")");
                }
            }
            return inputs;
        }

        /** The name an annotation gives, by either of its aliases, else the parameter's own. */
        private static String named(String name, String value, String declared) {
            return !name.isEmpty() ? name : !value.isEmpty() ? value : declared;
        }
    }
}
