package tw.queue.hub.server;

import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tw.queue.domain.WireNamed;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;

/**
 * Who may call each operation, read from the OpenAPI document's {@code x-roles} (the one place it is written):
 * {@code anyone}, or roles, with {@code no-token} for a caller without one. Checked before the body is read.
 * A write operation that names no {@code x-roles} stops the hub from starting: a new write cannot go unguarded.
 */
final class RouteGuard {
    static final String ANYONE = "anyone";
    static final String NO_TOKEN = "no-token";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** @param roles null for anyone */
    private record Allowed(Set<Role> roles, boolean withoutToken) {
    }

    private final OpenAPIContract contract;
    private final Map<String, Allowed> byOperation = new HashMap<>();

    RouteGuard(OpenAPIContract contract) {
        this.contract = contract;
        List<String> problems = new ArrayList<>();
        for (Operation op : contract.operations()) {
            Object declared = op.getExtensions().get("x-roles");
            String name = op.getHttpMethod() + " " + op.getOpenAPIPath() + " (" + op.getOperationId() + ")";
            if (!(declared instanceof Iterable<?> list) || !list.iterator().hasNext()) {
                if (!READS.contains(op.getHttpMethod())) {
                    problems.add(name + " is a write and names no x-roles");
                }
                continue;
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            boolean anyone = false;
            boolean withoutToken = false;
            for (Object r : list) {
                String wire = String.valueOf(r);
                if (wire.equals(ANYONE)) {
                    anyone = true;
                } else if (wire.equals(NO_TOKEN)) {
                    withoutToken = true;
                } else {
                    try {
                        roles.add(WireNamed.fromWire(Role.class, wire));
                    } catch (IllegalArgumentException e) {
                        problems.add(name + " names an unknown role in x-roles: " + wire);
                    }
                }
            }
            byOperation.put(op.getOperationId(), anyone ? new Allowed(null, true) : new Allowed(roles, withoutToken));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("openapi.yaml: " + String.join("; ", problems));
        }
    }

    /** The operation a request is for, if the document has one. */
    Optional<Operation> operation(String path, HttpMethod method) {
        try {
            return Optional.ofNullable(contract.findOperation(path, method));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Empty when the caller ({@code null}: no token) may call the operation; else the status and code to refuse with. */
    Optional<Refusal> check(Operation op, Principal caller) {
        Allowed allowed = byOperation.get(op.getOperationId());
        if (allowed == null || allowed.roles() == null) {
            return Optional.empty();
        }
        if (caller == null) {
            return allowed.withoutToken() ? Optional.empty() : Optional.of(new Refusal(401, "unauthenticated"));
        }
        return allowed.roles().contains(caller.role()) ? Optional.empty()
                : Optional.of(new Refusal(403, "role-forbidden"));
    }

    record Refusal(int status, String code) {
    }
}
