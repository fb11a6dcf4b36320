package com.reftab.scim.alerts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SMTP server equipment alerts are e-mailed through ({@code reftab.mail.*}, defaults in
 * application.yml). No host: e-mail is off, and only webhooks are sent.
 *
 * @param host the SMTP server; empty turns e-mail off
 * @param port its port
 * @param from the sender address of every alert
 * @param username empty: no authentication
 * @param password never logged
 * @param tls {@code starttls} (upgrade a plain connection, required), {@code smtps} (TLS from the start) or {@code none}
 * @param timeoutMs connecting, reading and writing, each
 */
@Validated
@ConfigurationProperties("reftab.mail")
public record MailSettings(String host, @Min(1) @Max(65535) int port, @NotNull String from, String username,
                           String password, @NotNull Tls tls, @Min(100) int timeoutMs) {

    public enum Tls { NONE, STARTTLS, SMTPS }

    public MailSettings {
        host = host == null ? "" : host.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public boolean enabled() {
        return !host.isEmpty();
    }

    /** The Camel mail endpoint; the password raw, so no character of it is taken for URI syntax. */
    String endpointUri() {
        StringBuilder uri = new StringBuilder(tls == Tls.SMTPS ? "smtps://" : "smtp://")
                .append(host).append(':').append(port)
                .append("?connectionTimeout=").append(timeoutMs);
        if (!username.isEmpty()) {
            uri.append("&username=RAW(").append(username).append(")&password=RAW(").append(password).append(')');
        }
        return uri.toString();
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", from=" + from + ", username=" + username
                + ", password=" + (password.isEmpty() ? "none" : "set") + ", tls=" + tls + ", timeoutMs=" + timeoutMs + "]";
    }
}
