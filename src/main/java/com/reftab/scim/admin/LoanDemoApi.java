package com.reftab.scim.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.equipment.InvalidLoan;
import com.reftab.scim.equipment.LoanBounds;
import com.reftab.scim.equipment.LoanEvent;
import com.reftab.scim.equipment.LoanSettings;
import com.reftab.scim.equipment.LoanType;
import com.reftab.scim.http.ApiRequest;
import com.reftab.scim.http.JsonReply;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ScimJson;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/admin/loans}, for demos and local runs: publishes one loan event of the caller's
 * tenant onto the loans topic as the asset service would, answered once the broker has acknowledged
 * it. Answered 404 unless {@code reftab.loans.demo} is true, so no production tenant can invent loans.
 */
@Component("loanDemoApi")
public class LoanDemoApi {

    private static final Logger LOG = LoggerFactory.getLogger(LoanDemoApi.class);
    private static final Set<String> FIELDS = Set.of("type", "itemId", "name", "category", "assetTag", "value",
            "currency", "userId", "userName", "email");

    private final LoanSettings settings;
    private final LoanBounds bounds;
    private final ProducerTemplate producer;
    private final Clock clock;
    private long lastVersion;

    @Autowired
    public LoanDemoApi(LoanSettings settings, LoanBounds bounds, ProducerTemplate producer) {
        this(settings, bounds, producer, Clock.systemUTC());
    }

    LoanDemoApi(LoanSettings settings, LoanBounds bounds, ProducerTemplate producer, Clock clock) {
        this.settings = settings;
        this.bounds = bounds;
        this.producer = producer;
        this.clock = clock;
    }

    public JsonReply publish(ApiRequest request) {
        if (!settings.demo()) {
            throw ScimException.notFound("There is no /api/admin/loans: it stands in for the asset service in demos"
                    + " only, when reftab.loans.demo (REFTAB_LOANS_DEMO) is true.");
        }
        LoanEvent loan = loanOf(request.tenantId(), ScimJson.readObject(request.body()));
        String cloudEvent = loan.toCloudEvent().toString();
        Exchange sent = producer.send("kafka:" + settings.topic(), exchange -> {
            exchange.getMessage().setHeader(KafkaConstants.KEY, loan.tenantId());
            exchange.getMessage().setHeader("content-type", "application/cloudevents+json; charset=UTF-8");
            exchange.getMessage().setBody(cloudEvent);
        });
        if (sent.getException() != null) {
            LOG.warn("A demo loan event of tenant {} was not published: {}", loan.tenantId(), sent.getException().toString());
            throw new ScimException(503, null, "The loan event was not published: Kafka did not acknowledge it. Retry later.");
        }
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.put("id", loan.id());
        reply.put("type", loan.type().cloudEventType());
        reply.put("topic", settings.topic());
        reply.put("itemId", loan.itemId());
        reply.put("version", loan.version());
        reply.put("time", loan.time().toString());
        return JsonReply.json(202, reply);
    }

    /** The loan the body describes, within bounds, or a 400 naming what is wrong. */
    LoanEvent loanOf(String tenantId, ObjectNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ScimException.invalidValue("'" + name + "' is not a field of a loan; the fields are " + FIELDS + ".");
            }
        }
        try {
            LoanType type = LoanType.of(text(body, "type"));
            if (type == null || body.path("type").asText().startsWith(LoanType.PREFIX)) {
                throw new InvalidLoan("'type' is checked-out, returned or written-off.");
            }
            JsonNode value = body.get("value");
            if (value != null && !value.isNull() && !value.isNumber()) {
                throw new InvalidLoan("'value' must be a number.");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            return bounds.check(new LoanEvent(UUID.randomUUID().toString(), tenantId, type,
                    text(body, "itemId"), nextVersion(now), text(body, "name"),
                    text(body, "category"), text(body, "assetTag"),
                    value == null || value.isNull() ? null : value.decimalValue(), text(body, "currency"),
                    text(body, "userId"), text(body, "userName"), text(body, "email"), now));
        } catch (InvalidLoan invalid) {
            throw ScimException.invalidValue(invalid.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidLoan("'" + field + "' must be a string.");
        }
        return value.asText();
    }

    /**
     * The event's version: the time in microseconds, one more than the last when two come in the
     * same microsecond, so a return posted right after its checkout is never taken for an older event.
     */
    private synchronized long nextVersion(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        lastVersion = Math.max(lastVersion + 1, micros);
        return lastVersion;
    }
}
