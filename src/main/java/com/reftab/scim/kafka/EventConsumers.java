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

    /** A consumer route, its Kafka consumer group and the topic it reads (placeholders resolved). */
    public record EventConsumer(String routeId, String groupId, String topic) {
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
                        resolved(route, "groupId"), resolved(route, "topic")))
                .toList();
    }

    private String resolved(RouteDefinition route, String parameter) {
        Object value = route.getTemplateParameters().get(parameter);
        // An instance that leaves out the topic reads the template's default: the event topic.
        return camel.resolvePropertyPlaceholders(value == null && "topic".equals(parameter)
                ? "{{reftab.events.topic}}" : String.valueOf(value));
    }

    private static boolean ofTheTemplate(RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        return route.isCreatedFromTemplate() && parameters != null
                && TEMPLATE.equals(parameters.get("template"));
    }
}
