package com.reftab.scim.equipment;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The loans contract as this service uses it: the topic the asset service announces loans on, the
 * consumer group that keeps the holdings, whether {@code POST /api/admin/loans} may stand in for
 * the asset service (demos and local runs), and the largest value an item may have.
 */
@ConfigurationProperties("reftab.loans")
public record LoanSettings(@DefaultValue("reftab.assets.loans") String topic,
                           @DefaultValue("reftab-equipment-holdings") String groupId,
                           @DefaultValue("false") boolean demo,
                           @DefaultValue("10000000") BigDecimal maxValue) {

    public LoanSettings {
        // The column keeps 13 digits before the decimal point.
        if (maxValue.signum() <= 0 || maxValue.compareTo(new BigDecimal("9999999999999.99")) > 0) {
            throw new IllegalArgumentException("reftab.loans.max-value must be from 0.01 to 9999999999999.99, not " + maxValue);
        }
    }
}
