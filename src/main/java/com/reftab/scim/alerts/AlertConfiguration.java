package com.reftab.scim.alerts;

import java.time.Clock;

import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The equipment alerts' parts that are not components of their own. */
@Configuration
public class AlertConfiguration {

    @Bean
    Clock alertClock() {
        return Clock.systemUTC();
    }

    @Bean
    WebhookHosts webhookHosts(AlertSettings settings) {
        return new WebhookHosts(settings.allowInsecureWebhooks());
    }

    @Bean
    TenantAlertSettingsInput tenantAlertSettingsInput(AlertSettings settings, WebhookHosts hosts) {
        return new TenantAlertSettingsInput(settings, hosts);
    }

    /** E-mail to the recipients and the webhook as the tenant's settings say when the notification is sent. */
    @Bean
    NotificationSender.Delivery alertDelivery(CamelContext camel, MailSettings mail, WebhookHosts hosts,
                                              AlertSettings settings, TenantAlertSettingsStore store) {
        MailSender mailSender = new MailSender(camel, mail);
        WebhookSender webhookSender = new WebhookSender(hosts, settings);
        return (tenantId, channel, subject, body) -> {
            TenantAlertSettings tenant = store.find(tenantId);
            switch (channel) {
                case EMAIL -> {
                    if (!mail.enabled() || !tenant.emails()) {
                        throw new IllegalStateException("e-mail is off for this tenant");
                    }
                    mailSender.send(tenant.recipients(), subject, body);
                }
                case WEBHOOK -> {
                    if (!tenant.webhook()) {
                        throw new IllegalStateException("the webhook is off for this tenant");
                    }
                    webhookSender.send(tenant.webhookUrl(), body);
                }
            }
        };
    }

    @Bean(name = "notificationSender", destroyMethod = "close")
    NotificationSender notificationSender(JdbcTemplate jdbc, NotificationSender.Delivery alertDelivery,
                                          AlertSettings settings, Clock alertClock) {
        return new NotificationSender(jdbc, alertDelivery, settings, alertClock);
    }
}
