package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import tw.queue.config.OpeningHours;
import tw.queue.config.StaffAccount;
import tw.queue.hub.auth.Role;
import tw.queue.domain.Command;
import tw.queue.domain.OfficeState;

/** The office as a whole: its configuration, the live queue, the boards' announcement, the office day. */
final class OfficeRoutes {
    private final HubContext hub;

    OfficeRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("getOffice", rc -> Replies.json(rc, 200, ApiShapes.office(hub.settings().office())
                .put("targetWaitSeconds", hub.settings().targetWait() == null ? null
                        : hub.settings().targetWait().toSeconds())));
        handlers.put("listStaff", this::staff);
        handlers.put("getQueue", this::queue);
        handlers.put("setAnnouncement", this::setAnnouncement);
        handlers.put("closeDay", rc -> day(rc, new Command.CloseDay()));
        handlers.put("openDay", rc -> day(rc, new Command.OpenDay()));
    }

    private void queue(RoutingContext rc) {
        ZonedDateTime now = hub.now().atZone(hub.settings().office().timezone());
        OpeningHours hours = hub.settings().office().hours();
        OfficeState state = hub.writer().state();
        // Today's day closed by the manager gives no more numbers today: it next opens on a later date (this
        // evening's hours do not count), unless the manager opens it again.
        boolean closedToday = !state.isDayOpen() && state.day().map(d -> !d.isBefore(now.toLocalDate())).orElse(false);
        ZonedDateTime from = closedToday ? now.toLocalDate().plusDays(1).atStartOfDay(now.getZone()).minusNanos(1) : now;
        Replies.json(rc, 200, ApiShapes.queue(state, hub.writer().seq(), hub.estimator(), hub.now())
                .put("officeOpen", hours.isOpen(now.getDayOfWeek(), now.toLocalTime()))
                .put("hoursEnforced", hub.settings().enforceOpeningHours())
                .put("nextOpening", hours.nextOpening(from).map(t -> t.toInstant().toString()).orElse(null)));
    }

    /** The office's staff accounts (no hashes) and the counter each clerk is signed in at now (manager). */
    private void staff(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            OfficeState s = hub.writer().state();
            JsonArray staff = new JsonArray();
            for (StaffAccount a : hub.settings().office().staff()) {
                staff.add(new JsonObject().put("username", a.username())
                        .put("role", Role.of(a.role()).wire())
                        .put("counter", s.counterOfClerk(a.username()).orElse(null)));
            }
            Replies.json(rc, 200, staff);
        });
    }

    private void setAnnouncement(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            Map<String, String> texts = new HashMap<>();
            rc.body().asJsonObject().getJsonObject("texts").forEach(e -> texts.put(e.getKey(), String.valueOf(e.getValue())));
            hub.writer().submit(new Command.SetAnnouncement(texts)).onComplete(ar -> Replies.after(rc, ar, 200,
                    r -> new JsonObject(new HashMap<>(hub.writer().state().announcement()))));
        });
    }

    private void day(RoutingContext rc, Command command) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> hub.writer().submit(command).onComplete(ar ->
                Replies.after(rc, ar, 200, r -> {
                    OfficeState s = hub.writer().state();
                    return new JsonObject().put("day", s.day().map(Object::toString).orElse(null))
                            .put("dayOpen", s.isDayOpen());
                })));
    }
}
