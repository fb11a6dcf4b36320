package com.reftab.scim.database;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long an API request's transaction may run ({@code reftab.db.*}, default in application.yml).
 *
 * @param transactionTimeoutSeconds all the request's statements together; past it, 503
 */
@Validated
@ConfigurationProperties("reftab.db")
public record TransactionSettings(@Min(1) int transactionTimeoutSeconds) {
}
