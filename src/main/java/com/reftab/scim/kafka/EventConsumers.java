package com.reftab.scim.kafka;

import java.util.List;
import java.util.Map;

import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * The routes that consume the provisioning events: every instance of the {@code event-consumer}
 * route template (routes/event-consumer.yaml), with its consumer group. What applies to every
 * consumer (lag metrics, the tests' detached routes) is built from this list, so a new consumer is
 * a templated route and nothing else.
 */
@Component
public class EventConsumers {

    public static final String TEMPLATE = "event-consumer";

    /** A consumer route and its Kafka consumer group (placeholders resolved). */
    public record EventConsumer(String routeId, String groupId) {
    }

    private final ModelCamelContext camel;

    public EventConsumers(ModelCamelContext camel) {
        this.camel = camel;
    }

    /** The consumers, once the routes are loaded (at start, or in a test before it starts Camel). */
    public List<EventConsumer> all() {
        return camel.getRouteDefinitions().stream()
                .filter(EventConsumers::ofTheTemplate)
                .map(route -> new EventConsumer(route.getRouteId(),
                        camel.resolvePropertyPlaceholders(String.valueOf(route.getTemplateParameters().get("groupId")))))
                .toList();
    }

    private static boolean ofTheTemplate(RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        return route.isCreatedFromTemplate() && parameters != null
                && TEMPLATE.equals(parameters.get("template"));
    }
}
