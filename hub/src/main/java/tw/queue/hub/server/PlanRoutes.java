package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import tw.queue.hub.auth.Role;
import tw.queue.hub.plan.ArrivalForecast;
import tw.queue.hub.plan.DayPlan;
import tw.queue.hub.plan.StaffingPlanner;
import tw.queue.hub.store.VisitQueries;

/**
 * {@code GET /api/plan?date=}: the staffing planner for the manager. The history is read on the reader's
 * thread, the candidate plans are simulated on a worker of their own (seconds of CPU, never on the event loop
 * nor in the way of the history queries), and each date's plan is kept until the office's day changes (the
 * history it rests on only grows when a day closes); a second request for a date being planned waits for the
 * same plan.
 */
final class PlanRoutes {
    /** Dates kept at most; a manager looks at a few days ahead. */
    private static final int CACHED_DATES = 32;

    private final HubContext hub;
    private final Function<VisitQueries.Reading<?>, Future<?>> history;
    private final WorkerExecutor planner;
    private final Map<String, Future<JsonObject>> plans = new ConcurrentHashMap<>();

    PlanRoutes(HubContext hub, Function<VisitQueries.Reading<?>, Future<?>> history, WorkerExecutor planner) {
        this.hub = hub;
        this.history = history;
        this.planner = planner;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("plan", this::plan);
    }

    private void plan(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            String value = rc.queryParams().get("date");
            LocalDate date;
            try {
                date = LocalDate.parse(value);
            } catch (DateTimeParseException | NullPointerException e) {
                ApiError.send(rc, 400, "bad-date", "date", String.valueOf(value));
                return;
            }
            LocalDate today = hub.now().atZone(hub.settings().office().timezone()).toLocalDate();
            String key = date + "@" + today;
            if (plans.size() > CACHED_DATES) {
                plans.keySet().removeIf(k -> !k.endsWith("@" + today) || plans.size() > CACHED_DATES);
            }
            Future<JsonObject> plan = plans.computeIfAbsent(key, k -> make(date));
            plan.onFailure(e -> plans.remove(key, plan))
                    .onComplete(ar -> Replies.after(rc, ar, 200, body -> body));
        });
    }

    @SuppressWarnings("unchecked")
    private Future<JsonObject> make(LocalDate date) {
        ArrivalForecast.Settings fs = ArrivalForecast.Settings.DEFAULT;
        Future<DayPlan.History> read = (Future<DayPlan.History>) history.apply(q -> DayPlan.history(q, date, fs));
        return read.compose(h -> planner.executeBlocking(() -> new JsonObject(DayPlan.json(DayPlan.make(
                hub.settings().office(), h, date, null, fs, StaffingPlanner.Settings.DEFAULT))), false));
    }
}
