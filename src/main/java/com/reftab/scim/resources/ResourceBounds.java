package com.reftab.scim.resources;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.ResourceSchema;
import com.reftab.scim.protocol.Attribute;

/**
 * How large a stored resource may be: its attributes serialised as the directory stores them (the
 * resource a GET returns, less {@code id}, {@code meta} and a user's {@code groups}), in UTF-8
 * bytes, and how many values each multi-valued attribute (emails, phoneNumbers, addresses,
 * x509Certificates, …) may hold. A group's members are rows of their own and not counted here.
 *
 * <p>Without it a client could grow one user, 1 MB request by 1 MB request, until its events no
 * longer fit a Kafka record and its rows no longer fit the heap. Every event about a resource
 * carries the resource, so this bound (plus an envelope of about 1 KiB) is also the largest event
 * one makes. The default, 64 KiB, is some twenty times a full Okta or Entra profile (name, a few
 * emails, phones and addresses, the enterprise extension: 1 to 3 KiB) and still holds a dozen
 * typical X.509 certificates; 100 values of one attribute are more than any identity provider sends.
 *
 * <p>A resource already past a bound (stored before it, or under a larger one) is not locked in:
 * a write may keep it past the bound as long as it does not grow it, so such a user can still be
 * deactivated, changed or trimmed. Its {@code active} flag does not count as growth.
 */
@Component
public class ResourceBounds {

    private final ObjectMapper mapper;
    private final int maxResourceBytes;
    private final int maxValuesPerAttribute;

    @Autowired
    public ResourceBounds(ObjectMapper mapper, ScimLimits limits) {
        this(mapper, limits.maxResourceBytes(), limits.maxValuesPerAttribute());
    }

    public ResourceBounds(ObjectMapper mapper, int maxResourceBytes, int maxValuesPerAttribute) {
        if (maxResourceBytes < 1 || maxValuesPerAttribute < 1) {
            throw new IllegalArgumentException("Resource bounds must be positive: " + maxResourceBytes + " bytes, "
                    + maxValuesPerAttribute + " values per attribute");
        }
        this.mapper = mapper;
        this.maxResourceBytes = maxResourceBytes;
        this.maxValuesPerAttribute = maxValuesPerAttribute;
    }

    public int maxResourceBytes() {
        return maxResourceBytes;
    }

    /** A new resource: within both bounds, or 400 invalidValue naming the bound. */
    public void requireNew(ResourceSchema schema, String resourceType, ObjectNode resource) {
        require(schema, resourceType, null, resource);
    }

    /**
     * A resource about to replace {@code stored}: within both bounds, or no larger than the stored
     * one where that is past them already; otherwise 400 invalidValue naming the bound.
     */
    public void require(ResourceSchema schema, String resourceType, ObjectNode stored, ObjectNode resource) {
        for (Attribute attribute : multiValued(schema)) {
            int values = values(schema, resource, attribute);
            if (values > maxValuesPerAttribute && (stored == null || values > values(schema, stored, attribute))) {
                throw ScimException.invalidValue("'" + attribute.name() + "' would hold " + values + " values; a " + resourceType
                        + "'s attribute holds at most " + maxValuesPerAttribute + ".");
            }
        }
        long bytes = serializedBytes(resource);
        if (bytes > maxResourceBytes && (stored == null
                || serializedBytes(withActiveOf(resource, stored)) > serializedBytes(stored))) {
            throw ScimException.invalidValue("The " + resourceType + " would take " + bytes + " bytes; a " + resourceType
                    + " takes at most " + maxResourceBytes + " bytes (its attributes as JSON).");
        }
    }

    /** Bytes of the resource as stored, counted without holding them. */
    public long serializedBytes(JsonNode resource) {
        ByteCount count = new ByteCount();
        try {
            mapper.writeValue(count, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count.bytes;
    }

    private static List<Attribute> multiValued(ResourceSchema schema) {
        List<Attribute> attributes = new ArrayList<>();
        schema.core().stream().filter(Attribute::multiValued).forEach(attributes::add);
        schema.extension().stream().filter(Attribute::multiValued).forEach(attributes::add);
        return attributes;
    }

    private static int values(ResourceSchema schema, ObjectNode resource, Attribute attribute) {
        JsonNode value = schema.core().contains(attribute) ? resource.get(attribute.name())
                : resource.path(schema.extensionUrn()).get(attribute.name());
        return value != null && value.isArray() ? value.size() : 0;
    }

    /** Deactivating a user (true → false) adds a byte; it must stay possible for a user past the bound. */
    private static ObjectNode withActiveOf(ObjectNode resource, ObjectNode stored) {
        if (!resource.has("active") || !stored.has("active")) {
            return resource;
        }
        ObjectNode copy = resource.deepCopy();
        copy.set("active", stored.get("active"));
        return copy;
    }

    private static final class ByteCount extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
