package com.reftab.scim.http;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Camel's request mapping for the REST routes, finding a request's route among the few whose path
 * could match instead of trying every route. Spring's lookup tries each of the 70-odd REST
 * mappings whenever a path holds a variable ({@code /Users/{id}}): a tenth of the CPU of
 * {@code GET /Users/{id}} (docs/benchmarks.md).
 *
 * <p>The index holds each mapping under its pattern's leading literal segments, the segments
 * every path it matches must start with; a request's candidates are the mappings on its own
 * segments' way down. One candidate matching means Spring's lookup would find that one alone, and
 * it is answered as Spring answers it; no candidate means no mapping's pattern matches the path,
 * so no route can be meant. Candidates matching none or several, case-insensitive patterns and a
 * registration in progress leave the answer to Spring's lookup. Ahead of the actuator's mappings,
 * which then no longer look at every API request: no route's path is under {@code /actuator}
 * ({@code RestRouteLookupTest} holds the health probe answered by the actuator).
 */
class IndexedRouteMapping extends CamelRequestHandlerMapping {

    // Just ahead of the actuator's endpoint mappings (-100).
    private static final int ORDER = -101;

    // Rebuilt whole from Spring's registry after each registration (at route start-up).
    private volatile Node index = new Node();
    private final Object rebuilding = new Object();
    // Registrations between Spring's registry and the index: lookups meanwhile are Spring's own.
    private final AtomicInteger changing = new AtomicInteger();

    IndexedRouteMapping(PlatformHttpComponent component, PlatformHttpEngine engine) {
        super(component, engine);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        changing.incrementAndGet();
        try {
            super.registerMapping(mapping, handler, method);
            rebuild();
        } finally {
            changing.decrementAndGet();
        }
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        changing.incrementAndGet();
        try {
            super.unregisterMapping(mapping);
            rebuild();
        } finally {
            changing.decrementAndGet();
        }
    }

    // From the registry itself, so the last rebuild has every change; its own handlers, as Spring's lookup returns them.
    private void rebuild() {
        synchronized (rebuilding) {
            index = Node.of(getHandlerMethods());
        }
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        // The count before the index: no registration under way means the index has every one Spring has.
        if (changing.get() != 0) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Node root = index;
        PathPatternParser parser = getPatternParser();
        if (root.indexesAll && parser != null && parser.isCaseSensitive()
                && ServletRequestPathUtils.hasParsedRequestPath(request)) {
            List<Route> candidates = root.candidates(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
            if (candidates.isEmpty()) {
                return null;
            }
            Route found = null;
            RequestMappingInfo matched = null;
            for (Route candidate : candidates) {
                RequestMappingInfo match = getMatchingMapping(candidate.mapping(), request);
                if (match != null) {
                    if (found != null) {
                        return super.lookupHandlerMethod(lookupPath, request);
                    }
                    found = candidate;
                    matched = match;
                }
            }
            if (found != null) {
                // As Spring's lookup answers a single match.
                request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, found.handler());
                handleMatch(matched, lookupPath, request);
                return found.handler();
            }
        }
        // No candidate matched, or the index cannot be used: Spring's lookup tells a wrong method
        // or media type from no route.
        return super.lookupHandlerMethod(lookupPath, request);
    }

    private record Route(RequestMappingInfo mapping, HandlerMethod handler) {
    }

    /** One literal path segment's place in the index: the routes whose literal prefix ends here. */
    private static final class Node {

        private final Map<String, Node> children = new HashMap<>();
        private final List<Route> routes = new ArrayList<>();
        // False when a mapping has no path patterns (Spring's older matcher): every lookup is then Spring's own.
        private boolean indexesAll = true;

        static Node of(Map<RequestMappingInfo, HandlerMethod> handlers) {
            Node root = new Node();
            handlers.forEach((mapping, handler) -> root.add(new Route(mapping, handler)));
            return root;
        }

        private void add(Route route) {
            PathPatternsRequestCondition paths = route.mapping().getPathPatternsCondition();
            if (paths == null) {
                indexesAll = false;
                return;
            }
            for (PathPattern pattern : paths.getPatterns()) {
                Node node = this;
                for (String segment : pattern.getPatternString().split("/")) {
                    if (segment.isEmpty()) {
                        continue;
                    }
                    if (!isLiteral(segment)) {
                        break;
                    }
                    node = node.children.computeIfAbsent(segment, ignored -> new Node());
                }
                node.routes.add(route);
            }
        }

        /** Every route whose pattern's literal prefix the path's segments start with, once. */
        List<Route> candidates(PathContainer path) {
            List<Route> found = new ArrayList<>();
            addAll(found, routes);
            Node node = this;
            for (PathContainer.Element element : path.elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    node = node.children.get(segment.valueToMatch());
                    if (node == null) {
                        break;
                    }
                    addAll(found, node.routes);
                }
            }
            return found;
        }

        // A mapping with several patterns is under several nodes; counted twice, its one match would look like two.
        private static void addAll(List<Route> found, List<Route> routes) {
            for (Route route : routes) {
                if (!containsSame(found, route)) {
                    found.add(route);
                }
            }
        }

        private static boolean containsSame(List<Route> routes, Route route) {
            for (Route other : routes) {
                if (other == route) {
                    return true;
                }
            }
            return false;
        }

        // What a PathPattern segment matches character for character, with no variable or wildcard.
        private static boolean isLiteral(String segment) {
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '{' || c == '}' || c == '*' || c == '?' || c == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}
