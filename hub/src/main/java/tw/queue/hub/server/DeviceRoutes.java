package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import tw.queue.config.DeviceDef;
import tw.queue.domain.Command;
import tw.queue.domain.OfficeState;
import tw.queue.hub.auth.Authenticator;
import tw.queue.hub.auth.Role;
import tw.queue.hub.devices.DeviceMonitor;

/** Device health: a device's heartbeat, and the manager's list of every device with its status. */
final class DeviceRoutes {
    private final HubContext hub;
    private final DeviceMonitor monitor;
    private final Authenticator auth;

    DeviceRoutes(HubContext hub, DeviceMonitor monitor, Authenticator auth) {
        this.hub = hub;
        this.monitor = monitor;
        this.auth = auth;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("reportDeviceHealth", this::report);
        handlers.put("listDevices", this::list);
    }

    /** Logged only when the status or a component changes; every heartbeat keeps the device online. */
    private void report(RoutingContext rc) {
        Access.ownDevice(rc, Role.KIOSK, Role.BOARD, Role.PANEL).ifPresent(p -> {
            String id = p.name();
            Map<String, String> components = new HashMap<>();
            rc.body().asJsonObject().getJsonObject("components")
                    .forEach(e -> components.put(e.getKey(), String.valueOf(e.getValue())));
            monitor.heard(id);
            hub.writer().submit(new Command.ReportDeviceHealth(id, p.role().wire(), components)).onComplete(ar ->
                    Replies.after(rc, ar, 200, r -> view(hub.writer().state(), id, p.role().wire())));
        });
    }

    private void list(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            OfficeState state = hub.writer().state();
            JsonArray out = new JsonArray();
            for (DeviceDef d : auth.devices()) {
                JsonObject v = view(state, d.id(), Role.of(d.type()).wire());
                if (!d.counters().isEmpty()) {
                    v.put("counters", new JsonArray(d.counters()));
                }
                out.add(v);
            }
            Replies.json(rc, 200, out);
        });
    }

    private JsonObject view(OfficeState state, String id, String type) {
        Map<String, Object> components = new HashMap<>();
        state.device(id).ifPresent(d -> components.putAll(d.components()));
        return new JsonObject()
                .put("id", id)
                .put("type", type)
                .put("status", monitor.status(id, state))
                .put("components", new JsonObject(components))
                .put("lastSeen", monitor.lastSeen(id, state).map(Object::toString).orElse(null));
    }
}
