package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.DeviceDef;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Revocations;
import tw.queue.hub.auth.Role;
import tw.queue.hub.store.RevocationStore;

/**
 * Sessions that end: signing out ends the token it is sent with; a manager ends a staff member's sessions or
 * revokes a device. Each is stored before it is answered (a restart keeps it) and refused from then on (401).
 */
final class SessionRoutes {
    private final Revocations revocations;
    private final tw.queue.hub.auth.Authenticator auth;
    private final Clock clock;
    private final OnStore store;

    SessionRoutes(tw.queue.hub.auth.Authenticator auth, Revocations revocations, Clock clock, OnStore store) {
        this.auth = auth;
        this.revocations = revocations;
        this.clock = clock;
        this.store = store;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("logout", this::logout);
        handlers.put("endSessions", this::endSessions);
        handlers.put("revokeDevice", this::revokeDevice);
    }

    /** The token sent with this request stops working: a staff token by its id, a device token by its hash. */
    private void logout(RoutingContext rc) {
        Access.require(rc, Role.values()).ifPresent(p -> {
            Principal.Session s = p.session();
            if (s.kind() == Principal.Session.Kind.DEVICE) {
                revokeDevice(rc, s.id(), p.name());
            } else if (s.id() == null) {
                // a token from before sessions could end has no id: end every session of its holder
                cut(rc, p.name());
            } else {
                store.run(db -> new RevocationStore(db).token(s.id(), s.expiresMs())).onComplete(ar -> {
                    if (ar.succeeded()) {
                        revocations.token(s.id(), s.expiresMs());
                        // token expiry is judged on the system clock (vertx-auth-jwt), so is forgetting
                        revocations.forgetExpired(System.currentTimeMillis());
                    }
                    done(rc, ar);
                });
            }
        });
    }

    /** Every token of the staff member issued until now is refused; they sign in again to go on. */
    private void endSessions(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String username = rc.pathParam("username");
            if (!auth.isStaff(username)) {
                ApiError.send(rc, 404, "unknown-staff", username);
                return;
            }
            cut(rc, username);
        });
    }

    private void cut(RoutingContext rc, String username) {
        long next = revocations.generation(username) + 1;
        store.run(db -> new RevocationStore(db).staff(username, next)).onComplete(ar -> {
            if (ar.succeeded()) {
                revocations.staff(username, next);
            }
            done(rc, ar);
        });
    }

    /** A configured or paired device's token is refused from now on; a paired device is forgotten. */
    private void revokeDevice(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String id = rc.pathParam("id");
            Optional<DeviceDef> device = auth.device(id);
            if (device.isEmpty()) {
                ApiError.send(rc, 404, "unknown-device", id);
                return;
            }
            revokeDevice(rc, device.get().tokenHash(), id);
        });
    }

    private void revokeDevice(RoutingContext rc, String tokenHash, String id) {
        store.run(db -> new RevocationStore(db).device(tokenHash, id, clock.millis())).onComplete(ar -> {
            if (ar.succeeded()) {
                revocations.device(tokenHash);
            }
            done(rc, ar);
        });
    }

    private static void done(RoutingContext rc, io.vertx.core.AsyncResult<Void> ar) {
        if (ar.failed()) {
            rc.fail(new QueueWriter.StoreUnavailable(ar.cause()));
        } else {
            rc.response().setStatusCode(204).end();
        }
    }
}
