package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import java.util.Map;
import java.util.Optional;
import tw.queue.hub.auth.AttemptLimiter;
import tw.queue.domain.WireNamed;
import tw.queue.hub.auth.Authenticator;
import tw.queue.hub.auth.Pairings;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;
import tw.queue.hub.store.PairedDeviceStore;

/**
 * Who is asking: bearer tokens checked before the body is read, staff sign-in, and device pairing; wrong
 * passwords and wrong pairing codes limited per username and per address ({@link Limits}).
 */
final class Access {
    private static final String PRINCIPAL = "principal";

    private final Authenticator auth;
    private final RouteGuard guard;
    private final Pairings pairings = new Pairings();
    private final Clock clock;
    private final Limits limits;
    private final OnStore store;
    private final AttemptLimiter loginsPerUser;
    private final AttemptLimiter loginsPerAddress;
    private final AttemptLimiter pairingsPerAddress;
    /** Sign-ins being checked now, per address (event loop only). */
    private final Map<String, Integer> loginsInFlight = new HashMap<>();

    /** @param store runs work on the hub's database (on the writer's thread), e.g. saving a paired device */
    Access(Authenticator auth, RouteGuard guard, Clock clock, Limits limits, OnStore store) {
        this.auth = auth;
        this.guard = guard;
        this.clock = clock;
        this.limits = limits;
        this.store = store;
        this.loginsPerUser = new AttemptLimiter(limits.loginPerUser());
        this.loginsPerAddress = new AttemptLimiter(limits.loginPerAddress());
        this.pairingsPerAddress = new AttemptLimiter(limits.pairingPerAddress());
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("login", this::login);
        handlers.put("createPairing", this::createPairing);
        handlers.put("claimPairing", this::claimPairing);
    }

    /**
     * Runs before the body is read: a bad token is refused at once, and so is a caller the operation's
     * {@code x-roles} leave out ({@link RouteGuard}): 401 without a token, 403 with another role.
     */
    void authenticate(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        Optional<io.vertx.openapi.contract.Operation> op = guard.operation(rc.request().path(), rc.request().method());
        if (header == null) {
            HttpMethod m = rc.request().method();
            boolean write = m != HttpMethod.GET && m != HttpMethod.HEAD && m != HttpMethod.OPTIONS;
            if (op.isEmpty() && write && rc.request().path().startsWith("/api/")) {
                ApiError.send(rc, 401, "unauthenticated");
                return;
            }
            if (op.isPresent() && refused(rc, op.get(), null)) {
                return;
            }
            rc.next();
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() > 4096) {
            ApiError.send(rc, 401, "invalid-token");
            return;
        }
        Future<Principal> who = auth.authenticate(header.substring(7).trim());
        if (!who.isComplete()) {
            // The body handler resumes the request once it is ready to read the body.
            rc.request().pause();
        }
        who.onComplete(ar -> {
            if (ar.failed()) {
                ApiError.send(rc, 401, "invalid-token");
            } else if (op.isEmpty() || !refused(rc, op.get(), ar.result())) {
                rc.put(PRINCIPAL, ar.result());
                rc.next();
            }
        });
    }

    private boolean refused(RoutingContext rc, io.vertx.openapi.contract.Operation op, Principal caller) {
        Optional<RouteGuard.Refusal> refusal = guard.check(op, caller);
        refusal.ifPresent(r -> ApiError.send(rc, r.status(), r.code()));
        return refusal.isPresent();
    }

    /** The caller, when a token came with the request (for routes open to anyone holding an id). */
    static Optional<Principal> caller(RoutingContext rc) {
        return Optional.ofNullable(rc.get(PRINCIPAL));
    }

    /** The caller, if it has one of the roles; otherwise answers 401 or 403 and returns empty. */
    static Optional<Principal> require(RoutingContext rc, Role... roles) {
        Principal p = rc.get(PRINCIPAL);
        if (p == null) {
            ApiError.send(rc, 401, "unauthenticated");
            return Optional.empty();
        }
        if (!p.is(roles)) {
            ApiError.send(rc, 403, "role-forbidden");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /**
     * The calling device, when it asks about itself (the path's {@code id}); otherwise answers 401, 403
     * {@code role-forbidden} or 403 {@code not-your-device} and returns empty. The one check for a device's own routes.
     */
    static Optional<Principal> ownDevice(RoutingContext rc, Role... roles) {
        return require(rc, roles).filter(p -> {
            String id = rc.pathParam("id");
            if (!p.name().equals(id)) {
                ApiError.send(rc, 403, "not-your-device", id);
                return false;
            }
            return true;
        });
    }

    /** The address a request came from: what the per-address limits count (a proxy in front would hide it). */
    static String address(RoutingContext rc) {
        SocketAddress a = rc.request().remoteAddress();
        return a == null ? "?" : a.hostAddress();
    }

    /**
     * Sign-in, limited per username and per address (a growing wait after a few wrong passwords, then a lock-out:
     * 429 with Retry-After, the password not even checked) and by the password pool's queue.
     */
    private void login(RoutingContext rc) {
        JsonObject body = rc.body().asJsonObject();
        String username = body.getString("username");
        String address = address(rc);
        Instant now = clock.instant();
        Optional<Duration> wait = longer(loginsPerUser.waitBefore(username, now),
                loginsPerAddress.waitBefore(address, now));
        if (wait.isPresent()) {
            ApiError.tooMany(rc, "too-many-logins", wait.get());
            return;
        }
        if (loginsInFlight.getOrDefault(address, 0) >= limits.loginsInFlightPerAddress()) {
            ApiError.tooMany(rc, "login-busy", Duration.ofSeconds(1));
            return;
        }
        loginsInFlight.merge(address, 1, Integer::sum);
        auth.login(username, body.getString("password")).onComplete(ar -> {
            loginsInFlight.computeIfPresent(address, (k, n) -> n > 1 ? n - 1 : null);
            if (ar.failed()) {
                if (ar.cause() instanceof Authenticator.Busy) {
                    ApiError.tooMany(rc, "login-busy", Duration.ofSeconds(1));
                } else {
                    rc.fail(ar.cause());
                }
            } else if (ar.result().isEmpty()) {
                Instant at = clock.instant();
                loginsPerUser.failed(username, at);
                loginsPerAddress.failed(address, at);
                ApiError.send(rc, 401, "bad-credentials");
            } else {
                loginsPerUser.succeeded(username);
                Replies.json(rc, 200, ar.result().get());
            }
        });
    }

    private static Optional<Duration> longer(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().compareTo(a.get()) > 0 ? b : a;
    }

    private void createPairing(RoutingContext rc) {
        require(rc, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            Role role = WireNamed.fromWire(Role.class, body.getString("type"));
            Pairings.Pending code = pairings.create(role, body.getString("name"), clock.instant());
            Replies.json(rc, 201, new JsonObject().put("code", code.code()).put("type", role.wire())
                    .put("name", code.name()).put("expiresAt", code.expiresAt().toString()));
        });
    }

    /** Wrong codes are counted per address: a stranger guessing codes never blocks the kiosk being paired. */
    private void claimPairing(RoutingContext rc) {
        Instant now = clock.instant();
        String address = address(rc);
        Optional<Duration> wait = pairingsPerAddress.waitBefore(address, now);
        if (wait.isPresent()) {
            ApiError.tooMany(rc, "too-many-attempts", wait.get());
            return;
        }
        Optional<Pairings.Pending> claimed = pairings.claim(rc.body().asJsonObject().getString("code"), now);
        if (claimed.isEmpty()) {
            pairingsPerAddress.failed(address, now);
            ApiError.send(rc, 404, "unknown-pairing-code");
            return;
        }
        Role role = claimed.get().role();
        String token = Pairings.newToken();
        String id = Pairings.newDeviceId(claimed.get().name());
        PairedDeviceStore.PairedDevice device = new PairedDeviceStore.PairedDevice(id, role.wire(), Authenticator.sha256(token));
        store.run(db -> new PairedDeviceStore(db).add(device, now.toEpochMilli())).onComplete(ar -> {
            if (ar.failed()) {
                rc.fail(new QueueWriter.StoreUnavailable(ar.cause()));
                return;
            }
            auth.addDevice(device.id(), role, device.tokenHash());
            Replies.json(rc, 200, new JsonObject().put("token", token).put("deviceId", device.id())
                    .put("role", role.wire()));
        });
    }
}
