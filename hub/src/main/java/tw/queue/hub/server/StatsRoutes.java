package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tw.queue.hub.auth.Role;
import tw.queue.hub.stats.DayStatistics;
import tw.queue.hub.store.LoggedEvent;

/** Wait and service-time figures for the manager, computed from the event log. */
final class StatsRoutes {
    private final HubContext hub;
    private final Function<String, Future<List<LoggedEvent>>> eventsOfDay;

    StatsRoutes(HubContext hub, Function<String, Future<List<LoggedEvent>>> eventsOfDay) {
        this.hub = hub;
        this.eventsOfDay = eventsOfDay;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("dayStats", this::day);
    }

    private void day(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String day = rc.queryParams().contains("date") ? LocalDate.parse(rc.queryParams().get("date")).toString()
                    : hub.now().atZone(hub.settings().office().timezone()).toLocalDate().toString();
            eventsOfDay.apply(day).onComplete(ar -> Replies.after(rc, ar, 200, events -> JsonObject.mapFrom(
                    DayStatistics.of(day, events.stream().map(LoggedEvent::event).toList()))));
        });
    }
}
