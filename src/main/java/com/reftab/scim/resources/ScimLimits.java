package com.reftab.scim.resources;

import com.reftab.scim.protocol.filter.FilterLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bounds of the SCIM API ({@code reftab.scim.*}), defaults in application.yml. Each is at
 * least 1: a bound of 0 would refuse every request rather than turn the bound off.
 *
 * @param maxResults largest page a list returns
 * @param maxBodyBytes largest request body, advertised as the bulk payload limit
 * @param maxResourceBytes largest stored user or group, as JSON in UTF-8 bytes
 * @param maxValuesPerAttribute most values of one multi-valued attribute
 * @param bulk the bounds of {@code POST /Bulk}
 * @param filter the bounds of a filter and of a PATCH path holding one
 */
@Validated
@ConfigurationProperties("reftab.scim")
public record ScimLimits(@Min(1) int maxResults, @Min(1) long maxBodyBytes, @Min(1) int maxResourceBytes,
                         @Min(1) int maxValuesPerAttribute, @Valid @NotNull Bulk bulk, @Valid @NotNull Filter filter) {

    /** @param maxOperations most operations one request may carry */
    public record Bulk(@Min(1) int maxOperations) {
    }

    /**
     * @param maxLength longest filter in characters
     * @param maxDepth deepest nesting
     */
    public record Filter(@Min(1) int maxLength, @Min(1) int maxDepth) {
    }

    public FilterLimits filterLimits() {
        return new FilterLimits(filter.maxLength(), filter.maxDepth());
    }
}
