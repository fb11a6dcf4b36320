package com.reftab.scim.equipment;

import java.math.BigDecimal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What a loan event may hold: the lengths of its fields (those of the columns that keep them), a
 * value from 0 to {@code reftab.loans.max-value} in cents at most, a person for a checkout. The demo
 * API refuses an event past them with 400; the consumer parks one as a dead letter.
 */
@Component
public class LoanBounds {

    static final int MAX_TENANT_ID = 64;
    public static final int MAX_ITEM_ID = 128;
    public static final int MAX_NAME = 256;
    public static final int MAX_CATEGORY = 128;
    public static final int MAX_ASSET_TAG = 64;
    public static final int MAX_USER_ID = 36;
    public static final int MAX_USER_NAME = 512;
    public static final int MAX_EMAIL = 512;

    private final BigDecimal maxValue;

    @Autowired
    public LoanBounds(LoanSettings settings) {
        this(settings.maxValue());
    }

    public LoanBounds(BigDecimal maxValue) {
        this.maxValue = maxValue;
    }

    /** @return the event, when every field is within bounds */
    public LoanEvent check(LoanEvent event) {
        required("tenantId", event.tenantId(), MAX_TENANT_ID);
        required("itemId", event.itemId(), MAX_ITEM_ID);
        optional("name", event.name(), MAX_NAME);
        optional("category", event.category(), MAX_CATEGORY);
        optional("assetTag", event.assetTag(), MAX_ASSET_TAG);
        optional("userId", event.userId(), MAX_USER_ID);
        optional("userName", event.userName(), MAX_USER_NAME);
        optional("email", event.email(), MAX_EMAIL);
        if (event.version() < 0) {
            throw new InvalidLoan("'version' must not be negative.");
        }
        if (event.type() == LoanType.CHECKED_OUT && event.userId() == null && event.userName() == null
                && event.email() == null) {
            throw new InvalidLoan("A checkout names the person: 'userId' (their SCIM id), or 'userName' or 'email'.");
        }
        BigDecimal value = event.value();
        if (value != null) {
            if (value.signum() < 0 || value.compareTo(maxValue) > 0) {
                throw new InvalidLoan("'value' must be from 0 to " + maxValue.toPlainString()
                        + " (reftab.loans.max-value), not " + value.toPlainString() + ".");
            }
            if (value.stripTrailingZeros().scale() > 2) {
                throw new InvalidLoan("'value' has at most 2 decimals, not " + value.toPlainString() + ".");
            }
        }
        if (event.currency() != null && !event.currency().matches("[A-Z]{3}")) {
            throw new InvalidLoan("'currency' is an ISO 4217 code of 3 capital letters, like USD.");
        }
        return event;
    }

    private static void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidLoan("'" + field + "' is required.");
        }
        optional(field, value, max);
    }

    private static void optional(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw new InvalidLoan("'" + field + "' must not be blank; leave it out instead.");
        }
        if (value.length() > max) {
            throw new InvalidLoan("'" + field + "' is at most " + max + " characters, not " + value.length() + ".");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidLoan("'" + field + "' must not contain control characters.");
        }
    }
}
