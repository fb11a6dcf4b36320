package com.reftab.scim.faults;

import com.reftab.scim.protocol.ScimError;
import com.reftab.scim.protocol.ScimException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM Error any failure is answered with. Expected refusals carry their own status; an outage
 * is 503 with Retry-After; anything else is logged here with its stack trace and answered with a
 * bare 500, so no internals reach the client.
 */
public final class ScimErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ScimErrors.class);

    private ScimErrors() {
    }

    public static ScimError of(Throwable failure) {
        if (failure instanceof ScimException refusal) {
            return ScimError.of(refusal);
        }
        if (TransientFailure.isTransient(failure)) {
            LOG.warn("Database unavailable: {}", failure.getMessage());
            return new ScimError(503, null, "The directory is temporarily unavailable; retry later.", 5L);
        }
        LOG.error("Unexpected failure while handling a request", failure);
        return new ScimError(500, null, "The server could not complete the request.", null);
    }
}
