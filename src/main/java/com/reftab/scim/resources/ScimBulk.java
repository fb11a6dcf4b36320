package com.reftab.scim.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.reftab.scim.faults.ScimErrors;
import com.reftab.scim.protocol.AttributeSelection;
import com.reftab.scim.protocol.BulkIds;
import com.reftab.scim.protocol.BulkRequest;
import com.reftab.scim.protocol.ScimCall;
import com.reftab.scim.protocol.ScimError;
import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.PatchOp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code POST /Bulk} (RFC 7644 §3.7): the operations of one request, run in request order, each
 * by the same create, replace, patch or delete of {@link Resources} a single request calls, on
 * any registered resource type. Each operation is
 * atomic; the request is not: an operation that fails leaves the ones before it applied, and the
 * BulkResponse lists every operation run with the status a single request would have got and, on
 * failure, its SCIM Error as {@code response}. Up to {@value #COMMIT_EVERY} operations run as
 * savepoints of one transaction, so they cost one durable write, not one each. Such a transaction
 * holds the tenant's write lock, which every write of the tenant takes first (see the directory's
 * {@code TenantWriteLock}), so it also commits once it has run {@value #COMMIT_AFTER_MILLIS} ms:
 * the tenant's other requests wait for at most that and one operation, never for 50 slow ones
 * (which outlasted H2's 2 s lock wait) or for the whole request. If a commit fails, the results
 * of its operations carry that error and the run ends there.
 *
 * <p>{@code failOnErrors} stops the run after that many failures; the operations after it are not
 * attempted and not listed. So does a failure of the service itself (the directory away, a bug),
 * which would only fail each remaining operation in turn, while the results so far, already
 * committed, must reach the client. An operation's {@code version} is its If-Match. A POST must
 * carry a bulkId, so later operations can refer to what it created (see {@link BulkIds}).
 */
@Component("scimBulk")
public class ScimBulk {

    static final String RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
    static final int COMMIT_EVERY = 50;
    static final long COMMIT_AFTER_MILLIS = 200;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Resources resources;
    private final ResourceTypes types;
    private final TransactionOperations transaction;
    private final int maxOperations;
    private final LongSupplier nanoTime;

    @Autowired
    public ScimBulk(Resources resources, ResourceTypes types, TransactionOperations transaction, ScimLimits limits) {
        this(resources, types, transaction, limits.bulk().maxOperations());
    }

    ScimBulk(Resources resources, ResourceTypes types, TransactionOperations transaction, int maxOperations) {
        this(resources, types, transaction, maxOperations, System::nanoTime);
    }

    ScimBulk(Resources resources, ResourceTypes types, TransactionOperations transaction, int maxOperations,
             LongSupplier nanoTime) {
        this.resources = resources;
        this.types = types;
        this.transaction = transaction;
        this.maxOperations = maxOperations;
        this.nanoTime = nanoTime;
    }

    public ResourceResult apply(ScimCall call, byte[] body) {
        BulkRequest request = BulkRequest.read(body, maxOperations);
        BulkIds bulkIds = new BulkIds();
        ObjectNode response = JSON.objectNode();
        response.putArray("schemas").add(RESPONSE_SCHEMA);
        ArrayNode results = response.putArray("Operations");
        Run run = new Run(request.failOnErrors());
        List<BulkRequest.Operation> operations = request.operations();
        long commitAfter = TimeUnit.MILLISECONDS.toNanos(COMMIT_AFTER_MILLIS);
        for (int from = 0; from < operations.size() && !run.stopped; ) {
            List<BulkRequest.Operation> slice = operations.subList(from, Math.min(operations.size(), from + COMMIT_EVERY));
            List<Result> done = new ArrayList<>();
            try {
                transaction.executeWithoutResult(status -> {
                    long started = nanoTime.getAsLong();
                    for (BulkRequest.Operation operation : slice) {
                        Result result = run(call, operation, bulkIds);
                        done.add(result);
                        if (run.stopsAfter(result) || nanoTime.getAsLong() - started >= commitAfter) {
                            break;
                        }
                    }
                });
                from += done.size();
                done.forEach(result -> results.add(result.json()));
            } catch (RuntimeException commitFailed) {
                // None of this slice was applied: its results say so, and the run ends.
                ScimError error = ScimErrors.of(commitFailed);
                for (Result result : done) {
                    result.json().remove(List.of("location", "version"));
                    result.json().put("status", Integer.toString(error.status()));
                    result.json().set("response", error.body());
                    results.add(result.json());
                }
                run.stopped = true;
            }
        }
        return ResourceResult.of(200, response);
    }

    /** Counts failures against failOnErrors, across the transactions of a request. */
    private static final class Run {
        private final Integer failOnErrors;
        private int failures;
        private boolean stopped;

        Run(Integer failOnErrors) {
            this.failOnErrors = failOnErrors;
        }

        boolean stopsAfter(Result result) {
            failures += result.failed() ? 1 : 0;
            stopped = result.stopsTheRequest() || failOnErrors != null && failures >= failOnErrors;
            return stopped;
        }
    }

    private enum Method { POST, PUT, PATCH, DELETE }

    /** What an operation's path names: a resource type and, for all but a POST, one resource of it. */
    private record Target(ResourceType<?> type, String id) {
    }

    private record Result(ObjectNode json, boolean failed, boolean stopsTheRequest) {
    }

    private Result run(ScimCall call, BulkRequest.Operation operation, BulkIds bulkIds) {
        ObjectNode result = JSON.objectNode();
        echo(result, "method", operation.method());
        echo(result, "bulkId", operation.bulkId());
        String declaredBulkId = null;
        try {
            Method method = method(operation);
            result.put("method", method.name());
            if (method == Method.POST) {
                String bulkId = BulkRequest.text(operation.bulkId(), "bulkId");
                if (bulkId == null || bulkId.isEmpty()) {
                    throw ScimException.invalidValue("A POST needs a 'bulkId' (RFC 7644 §3.7), so that the "
                            + "response and later operations can refer to what it creates.");
                }
                bulkIds.declare(bulkId);
                declaredBulkId = bulkId;
            }
            Target target = target(method, BulkRequest.text(operation.path(), "path"), bulkIds);
            if (target.id() != null) {
                result.put("location", Resources.location(call, target.type(), target.id()));
            }
            ObjectNode data = method == Method.DELETE ? null : data(method, operation.data(), bulkIds);
            String ifMatch = method == Method.POST ? null : BulkRequest.text(operation.version(), "version");
            ResourceResult reply = perform(call, method, target, data, ifMatch);
            if (declaredBulkId != null) {
                bulkIds.created(declaredBulkId, reply.body().path("id").asText());
                result.put("location", reply.location());
            }
            if (reply.etag() != null) {
                result.put("version", reply.etag());
            }
            result.put("status", Integer.toString(reply.status()));
            return new Result(result, false, false);
        } catch (RuntimeException e) {
            if (declaredBulkId != null) {
                bulkIds.failed(declaredBulkId);
            }
            ScimError error = ScimErrors.of(e);
            result.put("status", Integer.toString(error.status()));
            result.set("response", error.body());
            return new Result(result, true, !(e instanceof ScimException));
        }
    }

    /** Before any check, so even a refused operation can be matched to the one sent. */
    private static void echo(ObjectNode result, String name, JsonNode value) {
        if (value != null && value.isTextual()) {
            result.put(name, value.asText());
        }
    }

    private static Method method(BulkRequest.Operation operation) {
        String method = BulkRequest.text(operation.method(), "method");
        if (method != null) {
            for (Method known : Method.values()) {
                if (known.name().equals(method.toUpperCase(Locale.ROOT))) {
                    return known;
                }
            }
        }
        throw ScimException.invalidValue("An operation's 'method' must be POST, PUT, PATCH or DELETE"
                + (method == null ? "." : ", not '" + method + "'."));
    }

    /** Only the resource types' endpoints take writes; discovery, /Bulk itself or anything else fails the operation. */
    private Target target(Method method, String path, BulkIds bulkIds) {
        String[] segments = path != null && path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        ResourceType<?> type = segments.length > 0 ? types.atEndpoint(segments[0]).orElse(null) : null;
        if (method == Method.POST) {
            if (type == null || segments.length != 1) {
                throw ScimException.invalidValue("The 'path' of a POST must be " + endpoints("")
                        + (path == null ? "." : ", not '" + path + "'."));
            }
            return new Target(type, null);
        }
        if (type == null || segments.length != 2 || segments[1].isEmpty()) {
            throw ScimException.invalidValue("The 'path' of a " + method + " must name one resource, "
                    + endpoints("/{id}") + (path == null ? "." : ", not '" + path + "'."));
        }
        return new Target(type, bulkIds.resolve(segments[1]));
    }

    /** The endpoints that take writes, as a path names them: {@code /Users or /Groups}. */
    private String endpoints(String suffix) {
        return String.join(" or ", types.all().stream().map(type -> "/" + type.endpoint() + suffix).toList());
    }

    /** The body the single request would carry, with its bulkId references resolved. */
    private static ObjectNode data(Method method, JsonNode data, BulkIds bulkIds) {
        if (data == null) {
            throw ScimException.invalidValue("A " + method + " needs its 'data': the body a single " + method + " would send.");
        }
        if (!data.isObject()) {
            throw ScimException.invalidSyntax("The 'data' of a " + method + " must be a JSON object.");
        }
        return (ObjectNode) bulkIds.resolve(data);
    }

    private ResourceResult perform(ScimCall call, Method method, Target target, ObjectNode data, String ifMatch) {
        AttributeSelection all = AttributeSelection.ALL;
        return switch (method) {
            case POST -> resources.create(call, target.type(), data, all);
            case PUT -> resources.replace(call, target.type(), target.id(), data, all, ifMatch);
            case PATCH -> resources.patch(call, target.type(), target.id(), PatchOp.read(data), all, ifMatch);
            case DELETE -> resources.delete(call, target.type(), target.id(), ifMatch);
        };
    }
}
