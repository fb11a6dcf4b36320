package com.reftab.scim.alerts;

import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mail.MailEndpoint;

/**
 * Sends an alert e-mail through Camel's mail component to the SMTP server of {@link MailSettings}:
 * plain text, the tenant's recipients in To, nothing of the exchange but the message's own headers.
 */
class MailSender {

    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final MailSettings mail;
    private MailEndpoint endpoint;

    MailSender(CamelContext camel, MailSettings mail) {
        this.camel = camel;
        this.producer = camel.createProducerTemplate();
        this.mail = mail;
    }

    void send(List<String> to, String subject, String text) {
        Exchange sent = producer.send(endpoint(), exchange -> {
            exchange.getMessage().setHeader("To", String.join(",", to));
            exchange.getMessage().setHeader("From", mail.from());
            exchange.getMessage().setHeader("Subject", subject);
            exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
            exchange.getMessage().setBody(text);
        });
        if (sent.getException() != null) {
            throw new IllegalStateException(sent.getException().getClass().getSimpleName() + ": "
                    + sent.getException().getMessage());
        }
    }

    private synchronized MailEndpoint endpoint() {
        if (endpoint == null) {
            MailEndpoint created = camel.getEndpoint(mail.endpointUri(), MailEndpoint.class);
            Properties properties = new Properties();
            String protocol = mail.tls() == MailSettings.Tls.SMTPS ? "smtps" : "smtp";
            properties.setProperty("mail." + protocol + ".timeout", String.valueOf(mail.timeoutMs()));
            properties.setProperty("mail." + protocol + ".writetimeout", String.valueOf(mail.timeoutMs()));
            if (mail.tls() == MailSettings.Tls.STARTTLS) {
                properties.setProperty("mail.smtp.starttls.enable", "true");
                properties.setProperty("mail.smtp.starttls.required", "true");
            }
            created.getConfiguration().setAdditionalJavaMailProperties(properties);
            endpoint = created;
        }
        return endpoint;
    }
}
