package com.reftab.scim;

import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.ModelCamelContext;

/**
 * Advice that keeps the Kafka routes of routes/*.yaml off the network in a test context: the
 * consumers read from direct endpoints instead of the topic, and the outbox relay neither
 * polls nor produces.
 */
final class DetachedKafkaRoutes {

    static final String PROJECTION_INPUT = "direct:account-projection-test";
    static final String ROLE_MAPPING_INPUT = "direct:role-mapping-test";

    private DetachedKafkaRoutes() {
    }

    static void detachProjection(ModelCamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "account-projection", route -> route.replaceFromWith(PROJECTION_INPUT));
    }

    static void detachRoleMapping(ModelCamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "role-mapping", route -> route.replaceFromWith(ROLE_MAPPING_INPUT));
    }

    static void detachOutboxRelay(ModelCamelContext context) throws Exception {
        AdviceWith.adviceWith(context, "outbox-relay", route -> {
            route.replaceFromWith("direct:outbox-relay-idle");
            route.weaveByToUri("kafka:*").replace().to("mock:kafka-idle");
        });
    }

    static void detachAll(ModelCamelContext context) throws Exception {
        detachProjection(context);
        detachRoleMapping(context);
        detachOutboxRelay(context);
    }
}
