package io.patchbay.tenancy;

import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteBaseData;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.router.RouteParameterData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.util.UriUtils;

/**
 * The hub's pages as Vaadin serves them: every route and route alias in the application's route registry, each
 * with its parameters filled with every value that fits them. A parameter nobody said how to fill is reported, never
 * skipped.
 */
final class HubRoutes {

    /** One page to open: where, which view serves it, and the values put into its parameters (none for most). */
    record Visit(String path, String template, Class<?> view, List<SweepValues.Value> filledWith) {

        boolean takesIds() {
            return !filledWith.isEmpty();
        }

        /** Whether a value put in names one of the owner's objects, which another tenant must be told is not found. */
        boolean addressesOwner() {
            return filledWith.stream().anyMatch(SweepValues.Value::addressesOwner);
        }
    }

    private final List<RouteBaseData<?>> routes = new ArrayList<>();

    private HubRoutes(ServletContext servletContext) {
        for (RouteData route : ApplicationRouteRegistry.getInstance(new VaadinServletContext(servletContext))
                .getRegisteredRoutes()) {
            routes.add(route);
            routes.addAll(route.getRouteAliases());
        }
    }

    static HubRoutes registeredIn(ServletContext servletContext) {
        return new HubRoutes(servletContext);
    }

    /** Every route template, with the view that serves it. */
    Map<String, Class<?>> templates() {
        Map<String, Class<?>> templates = new LinkedHashMap<>();
        routes.forEach(route -> templates.put(route.getTemplate(), route.getNavigationTarget()));
        return templates;
    }

    /**
     * The {@code @Route} views in {@code io.patchbay} that the registry does not serve: none, unless a view is
     * registered some other way than the one this enumeration reads.
     */
    Set<String> unregisteredViews() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        Set<String> registered = routes.stream()
                .map(route -> route.getNavigationTarget().getName())
                .collect(Collectors.toSet());
        return scanner.findCandidateComponents("io.patchbay").stream()
                .map(BeanDefinition::getBeanClassName)
                .filter(name -> !registered.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Every page to open: each route once per combination of the values its parameters take. A parameter with no
     * values is listed in {@code untaught}, saying what to teach.
     */
    List<Visit> visits(Function<String, List<SweepValues.Value>> valuesByName, List<String> untaught) {
        List<Visit> visits = new ArrayList<>();
        for (RouteBaseData<?> route : routes) {
            List<List<SweepValues.Value>> choices = new ArrayList<>();
            Map<String, RouteParameterData> parameters = route.getRouteParameters();
            boolean fillable = true;
            for (var parameter : parameters.entrySet()) {
                List<SweepValues.Value> values = valuesByName.apply(parameter.getKey());
                if (values.isEmpty()) {
                    untaught.add("Route '" + route.getTemplate() + "' ("
                            + route.getNavigationTarget().getSimpleName()
                            + ") takes the parameter " + parameter.getValue().getTemplate()
                            + ", which the sweep cannot fill: teach TenantIsolationSweepIT.values() which of the owner's"
                            + " values fit '" + parameter.getKey() + "'.");
                    fillable = false;
                }
                choices.add(values);
            }
            if (!fillable) {
                continue;
            }
            for (List<SweepValues.Value> combination : SweepValues.combinations(choices)) {
                String path = route.getTemplate();
                int i = 0;
                for (var parameter : parameters.values()) {
                    path = path.replace(
                            parameter.getTemplate(),
                            UriUtils.encodePathSegment(combination.get(i++).text(), "UTF-8"));
                }
                visits.add(new Visit(path, route.getTemplate(), route.getNavigationTarget(), combination));
            }
        }
        return visits;
    }
}
