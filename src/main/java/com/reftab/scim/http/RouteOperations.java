package com.reftab.scim.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.spi.RestRegistry;
import org.apache.camel.spi.RouteIdAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Names the operation a request would have reached, for requests answered before any route runs
 * (a refused credential, a tenant over its bounds), so that their log line and metric carry the
 * same operation as a routed request's: {@code scim-users-list}, not a name of the filter's own.
 * Read from Camel's REST registry once the routes have started; a path that matches no route is
 * {@code unknown}.
 */
@Component
class RouteOperations {

    static final String UNKNOWN = "unknown";
    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

    private record Operation(String method, Pattern path, int parameters, String name) {
    }

    private final ObjectProvider<CamelContext> camelContext;
    private volatile List<Operation> operations;

    /** Looked up when first needed: the request log, and so this, is wired into routes the context creates. */
    RouteOperations(ObjectProvider<CamelContext> camelContext) {
        this.camelContext = camelContext;
    }

    String nameOf(String method, String path) {
        List<Operation> known = operations();
        String wanted = "HEAD".equals(method) ? "GET" : method;
        for (Operation operation : known) {
            if (operation.method().equals(wanted) && operation.path().matcher(path).matches()) {
                return operation.name();
            }
        }
        return UNKNOWN;
    }

    private List<Operation> operations() {
        List<Operation> known = operations;
        if (known != null) {
            return known;
        }
        CamelContext camel = camelContext.getIfAvailable();
        if (camel == null || !camel.isStarted()) {
            return List.of();
        }
        List<Operation> found = new ArrayList<>();
        for (RestRegistry.RestService service : camel.getRestRegistry().listAllRestServices()) {
            String routeId = routeIdOf(camel, service.getConsumer());
            if (routeId != null && service.getMethod() != null) {
                String template = join(service.getBasePath(), service.getUriTemplate());
                found.add(new Operation(service.getMethod().toUpperCase(Locale.ROOT), pathPattern(template),
                        countParameters(template), routeId.startsWith("rest-") ? routeId.substring(5) : routeId));
            }
        }
        // A literal segment wins over a parameter, as in the web layer: /Users/.search before /Users/{id}.
        found.sort(Comparator.comparingInt(Operation::parameters));
        operations = List.copyOf(found);
        return operations;
    }

    private static String routeIdOf(CamelContext camel, Consumer consumer) {
        if (consumer instanceof RouteIdAware aware && aware.getRouteId() != null) {
            return aware.getRouteId();
        }
        return camel.getRoutes().stream().filter(route -> route.getConsumer() == consumer)
                .map(Route::getRouteId).findFirst().orElse(null);
    }

    private static String join(String basePath, String uriTemplate) {
        String base = basePath == null ? "" : basePath;
        String rest = uriTemplate == null ? "" : uriTemplate;
        String joined = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + (rest.isEmpty() || rest.startsWith("/") ? rest : "/" + rest);
        return joined.startsWith("/") ? joined : "/" + joined;
    }

    static Pattern pathPattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start()))).append("[^/]+");
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex.toString());
    }

    private static int countParameters(String template) {
        return (int) PARAMETER.matcher(template).results().count();
    }
}
