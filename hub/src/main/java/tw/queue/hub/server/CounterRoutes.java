package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;
import tw.queue.domain.Actor;
import tw.queue.domain.Command;
import tw.queue.domain.CounterState;
import tw.queue.domain.OfficeState;

/** What clerks, counter panels and managers do at a counter. */
final class CounterRoutes {
    private final HubContext hub;

    CounterRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("callNext", this::callNext);
        handlers.put("recall", rc -> act(rc, Command.Recall::new));
        handlers.put("noShow", rc -> act(rc, Command.NoShow::new));
        handlers.put("finish", rc -> act(rc, Command.Finish::new));
        handlers.put("transfer", rc -> act(rc, (n, a) ->
                new Command.Transfer(n, rc.body().asJsonObject().getString("service"), a)));
        // A manager may name the clerk the counter opens for: {"clerk": "clerk7"} (no body: in their own name).
        handlers.put("openCounter", rc -> act(rc, (n, a) -> new Command.OpenCounter(n, a, clerkAsked(rc))));
        handlers.put("pauseCounter", rc -> act(rc, Command.PauseCounter::new));
        handlers.put("closeCounter", rc -> act(rc, Command.CloseCounter::new));
        handlers.put("getCounter", this::get);
    }

    /** The counter with the ids of its current and last served tickets: for its clerk, its panel, a manager. */
    private void get(RoutingContext rc) {
        int n = number(rc);
        Access.require(rc, Role.CLERK, Role.MANAGER, Role.PANEL).ifPresent(p -> {
            OfficeState s = hub.writer().state();
            Optional<CounterState> counter = s.counter(n);
            if (counter.isEmpty()) {
                ApiError.send(rc, 404, "unknown-counter", n);
                return;
            }
            boolean allowed = p.is(Role.MANAGER)
                    || p.is(Role.PANEL) && p.counters().contains(n)
                    || p.is(Role.CLERK) && p.name().equals(counter.get().clerk());
            if (!allowed) {
                ApiError.send(rc, 403, "not-your-counter", n);
                return;
            }
            Replies.json(rc, 200, new JsonObject()
                    .put("counter", n)
                    .put("status", counter.get().status().wire())
                    .put("clerk", counter.get().clerk())
                    .put("ticket", s.currentAt(n).map(t -> ApiShapes.ticket(s, hub.estimator(), t, hub.now())).orElse(null))
                    .put("lastFinished", s.lastFinishedAt(n)
                            .map(t -> ApiShapes.ticket(s, hub.estimator(), t, hub.now())).orElse(null)));
        });
    }

    /** 200 with the called ticket, or 204 when nothing waits that this counter may serve. */
    private void callNext(RoutingContext rc) {
        int n = number(rc);
        actor(rc, n).ifPresent(a -> hub.writer().submit(new Command.CallNext(n, a)).onComplete(ar -> {
            if (ar.succeeded() && ar.result().ticketId().isEmpty()) {
                rc.response().setStatusCode(204).end();
                return;
            }
            Replies.after(rc, ar, 200, r -> {
                OfficeState s = hub.writer().state();
                return new JsonObject().put("ticket", ApiShapes.ticket(s, hub.estimator(),
                        s.ticket(r.ticketId().orElseThrow()).orElseThrow(), hub.now()));
            });
        }));
    }

    /** Any other counter command; answers with the counter's next state. */
    private void act(RoutingContext rc, BiFunction<Integer, Actor, Command> command) {
        int n = number(rc);
        actor(rc, n).ifPresent(a -> hub.writer().submit(command.apply(n, a)).onComplete(ar ->
                Replies.after(rc, ar, 200, r -> {
                    OfficeState s = hub.writer().state();
                    return ApiShapes.counter(s, s.counter(n).orElseThrow());
                })));
    }

    /**
     * Who acts at counter n: a clerk or manager, or the panel device configured there. Which of them may do
     * what (a panel may not open a counter) is the engine's rule, checked there once.
     */
    private Optional<Actor> actor(RoutingContext rc, int n) {
        Optional<Principal> p = Access.require(rc, Role.CLERK, Role.MANAGER, Role.PANEL);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (hub.settings().office().counter(n).isEmpty()) {
            ApiError.send(rc, 404, "unknown-counter", n);
            return Optional.empty();
        }
        if (p.get().is(Role.PANEL) && !p.get().counters().contains(n)) {
            ApiError.send(rc, 403, "not-your-counter", n);
            return Optional.empty();
        }
        return Optional.of(p.get().actor());
    }

    private static String clerkAsked(RoutingContext rc) {
        JsonObject body = rc.body() == null || rc.body().isEmpty() ? null : rc.body().asJsonObject();
        return body == null ? null : body.getString("clerk");
    }

    private static int number(RoutingContext rc) {
        return Integer.parseInt(rc.pathParam("n"));
    }
}
