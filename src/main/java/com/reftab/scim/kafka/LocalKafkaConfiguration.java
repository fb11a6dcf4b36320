package com.reftab.scim.kafka;

import com.reftab.scim.events.ProducerLimits;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Starts the in-process broker when no external Kafka brokers are configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${reftab.kafka.brokers:}'.isBlank()")
class LocalKafkaConfiguration {

    /** Starts while the rest of the service does: about a third of the start-up time otherwise. */
    @Bean(destroyMethod = "close")
    LocalKafkaBroker localKafkaBroker(LocalBrokerSettings settings, ProducerLimits producer) {
        return LocalKafkaBroker.starting(settings.dataDir().resolve("kafka"), settings.kafka().localPort(),
                producer.maxRequestSize());
    }

    /**
     * The service is started only once its broker is: the last step of start-up waits for it,
     * and a broker that cannot start fails the start-up.
     */
    @Bean
    SmartLifecycle localKafkaBrokerStarted(LocalKafkaBroker broker) {
        return new LastStartUpStep() {
            @Override
            void run() {
                broker.awaitStarted();
            }
        };
    }

    /** Applied last, so the local address wins over the starter's own property customizer. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ComponentCustomizer localKafkaBrokers(LocalKafkaBroker broker) {
        return ComponentCustomizer.builder(KafkaComponent.class)
                .withOrder(Ordered.LOWEST_PRECEDENCE)
                .build(component -> component.getConfiguration().setBrokers(broker.bootstrapServers()));
    }
}
