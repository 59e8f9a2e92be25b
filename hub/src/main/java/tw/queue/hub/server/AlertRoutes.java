package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import tw.queue.domain.Command;
import tw.queue.domain.OfficeState;
import tw.queue.hub.auth.Role;

/** Alerts (the help bell, 愛心鈴): raised by a kiosk's bell or by staff, acknowledged by a volunteer or manager. */
final class AlertRoutes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HubContext hub;

    AlertRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("raiseAlert", this::raise);
        handlers.put("listAlerts", this::list);
        handlers.put("acknowledgeAlert", this::acknowledge);
    }

    /** 201 with the new alert; 200 with the open one when the same bell is pressed again before anyone came. */
    private void raise(RoutingContext rc) {
        Access.require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            String place = body.getString("place");
            String device = p.is(Role.KIOSK) ? p.name() : null;
            String source = device != null ? device : p.name();
            Command.RaiseAlert raise = new Command.RaiseAlert(newAlertId(), body.getString("kind"), place, device,
                    p.actor());
            hub.writer().submit(raise).onComplete(ar -> {
                if (ar.failed()) {
                    rc.fail(ar.cause());
                    return;
                }
                OfficeState s = hub.writer().state();
                Optional<OfficeState.Alert> open = s.openAlerts().stream()
                        .filter(a -> a.source().equals(source) && a.place().equals(place)).findFirst();
                if (open.isEmpty()) {
                    // Acknowledged by someone in the moment between raising and answering.
                    s.alert(raise.alertId()).ifPresentOrElse(a -> Replies.json(rc, 201, view(a)),
                            () -> ApiError.send(rc, 409, "alert-acknowledged", 0));
                    return;
                }
                Replies.json(rc, open.get().id().equals(raise.alertId()) ? 201 : 200, view(open.get()));
            });
        });
    }

    private void list(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonArray out = new JsonArray();
            hub.writer().state().openAlerts().forEach(a -> out.add(view(a)));
            Replies.json(rc, 200, out);
        });
    }

    private void acknowledge(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            String id = rc.pathParam("id");
            hub.writer().submit(new Command.AcknowledgeAlert(id, p.actor())).onComplete(ar ->
                    Replies.after(rc, ar, 200, r -> view(hub.writer().state().alert(id).orElseThrow())));
        });
    }

    static JsonObject view(OfficeState.Alert a) {
        JsonObject v = new JsonObject()
                .put("id", a.id())
                .put("kind", a.kind())
                .put("place", a.place())
                .put("raisedAt", a.raisedAt().toString());
        if (a.device() != null) {
            v.put("device", a.device());
        }
        if (!a.isOpen()) {
            v.put("acknowledgedAt", a.acknowledgedAt().toString()).put("secondsToAcknowledge", a.secondsToAcknowledge());
        }
        return v;
    }

    private static String newAlertId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "a-" + HexFormat.of().formatHex(b);
    }
}
