package tw.queue.hub.server;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Locale;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OpeningHours;
import tw.queue.config.ServiceDef;
import tw.queue.domain.CounterState;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Ticket;
import tw.queue.domain.WaitEstimate;
import tw.queue.domain.WaitEstimator;
import tw.queue.wire.PublicPriority;

/** The JSON bodies the HTTP API answers with (their schemas are in openapi.yaml), built from the state. */
final class ApiShapes {
    private ApiShapes() {
    }

    /** A ticket as the staff see it: with its priority class (their views, the counters'). */
    static JsonObject ticket(OfficeState state, WaitEstimator estimator, Ticket t, Instant now) {
        return ticket(state, estimator, t, now, true);
    }

    /**
     * A ticket; {@code withPriorityClass} false for the public (its page, a kiosk's screen): whether it has
     * priority, not which class ({@link PublicPriority}).
     */
    static JsonObject ticket(OfficeState state, WaitEstimator estimator, Ticket t, Instant now,
                             boolean withPriorityClass) {
        WaitEstimate est = estimator.estimate(state, t, now);
        return new JsonObject()
                .put("id", t.id())
                .put("number", t.number())
                .put("service", t.service())
                .put("priority", withPriorityClass ? t.priority().wire() : PublicPriority.of(t.priority()).wire())
                .put("channel", t.channel().wire())
                .put("lang", t.lang())
                .put("status", t.status().wire())
                .put("counter", t.counter())
                .put("issuedAt", iso(t.issuedAt()))
                .put("calledAt", iso(t.calledAt()))
                .put("finishedAt", iso(t.finishedAt()))
                .put("recalls", t.recalls())
                .put("transfers", t.transfers())
                .put("dueAt", iso(t.dueAt()))
                .put("ahead", est.ahead())
                .put("estimatedWaitSeconds", est.seconds())
                .put("calledAround", t.isWaiting() ? iso(est.calledAround(now)) : null)
                .put("opensAt", t.isWaiting() && est.seconds() == null ? iso(WaitEstimator.opensAt(state, now)) : null)
                .put("aheadChangedBecause", t.isWaiting() ? est.aheadChangedBecause() : null)
                .put("aheadChangedAt", t.isWaiting() ? iso(est.aheadChangedAt()) : null)
                .put("rated", state.rating(t.id()).isPresent());
    }

    static JsonObject counter(OfficeState state, CounterState c) {
        JsonObject current = state.currentAt(c.number())
                .map(t -> new JsonObject().put("number", t.number()).put("service", t.service())
                        .put("issuedAt", iso(t.issuedAt())).put("calledAt", iso(t.calledAt())))
                .orElse(null);
        return new JsonObject().put("number", c.number()).put("status", c.status().wire()).put("current", current);
    }

    static JsonObject queue(OfficeState state, long seq, WaitEstimator estimator, Instant now) {
        JsonArray services = new JsonArray();
        for (ServiceDef s : state.office().services()) {
            services.add(serviceLoad(state, estimator, s, now));
        }
        JsonArray counters = new JsonArray();
        state.counters().forEach(c -> counters.add(counter(state, c)));
        return new JsonObject()
                .put("seq", seq)
                .put("day", state.day().map(Object::toString).orElse(null))
                .put("dayOpen", state.isDayOpen())
                .put("services", services)
                .put("counters", counters)
                .put("announcement", new JsonObject(new java.util.HashMap<>(state.announcement())))
                .put("staffingHint", state.isStaffingHintActive())
                .put("staffingHintDetail", state.staffingHint().map(h -> new JsonObject()
                        .put("at", iso(h.at())).put("service", h.service())
                        .put("predictedP90WaitSeconds", h.predictedP90WaitSeconds())
                        .put("targetWaitSeconds", h.targetWaitSeconds())
                        .put("openCounters", h.openCounters())).orElse(null));
    }

    /**
     * A service's queue: waiting, open counters that may serve it, and the estimated wait of a number taken
     * now (the one estimate every screen shows, and the open data).
     */
    static JsonObject serviceLoad(OfficeState state, WaitEstimator estimator, ServiceDef s, Instant now) {
        long waiting = state.waiting().stream().filter(t -> t.service().equals(s.id())).count();
        long open = state.counters().stream().filter(c -> c.isOpen()
                && state.office().counter(c.number()).map(d -> d.serves(s.id())).orElse(false)).count();
        WaitEstimate est = estimator.forNewTicket(state, s.id(), tw.queue.domain.Priority.NONE, now);
        return new JsonObject().put("id", s.id()).put("waiting", waiting)
                .put("openCounters", open).put("estimatedWaitSeconds", est.seconds());
    }

    static JsonObject office(OfficeConfig o) {
        JsonArray services = new JsonArray();
        for (ServiceDef s : o.services()) {
            services.add(new JsonObject()
                    .put("id", s.id())
                    .put("names", new JsonObject(new java.util.HashMap<>(s.names().texts())))
                    .put("hints", s.hints() == null ? new JsonObject()
                            : new JsonObject(new java.util.HashMap<>(s.hints().texts())))
                    .put("numbers", new JsonObject().put("first", s.numbers().first()).put("last", s.numbers().last()))
                    .put("expectedMinutes", s.expectedMinutes())
                    .put("private", s.privateService())
                    .put("priorityEligible", s.priorityEligible()));
        }
        JsonArray counters = new JsonArray();
        for (CounterDef c : o.counters()) {
            counters.add(new JsonObject().put("number", c.number()).put("services", new JsonArray(c.services()))
                    .put("area", c.area()));
        }
        JsonObject hours = new JsonObject();
        for (var day : java.time.DayOfWeek.values()) {
            JsonArray ranges = new JsonArray();
            for (OpeningHours.TimeRange r : o.hours().on(day)) {
                ranges.add(r.from() + "-" + r.to());
            }
            hours.put(day.name().toLowerCase(Locale.ROOT), ranges);
        }
        return new JsonObject()
                .put("id", o.id())
                .put("name", new JsonObject(new java.util.HashMap<>(o.name().texts())))
                .put("timezone", o.timezone().getId())
                .put("hours", hours)
                .put("services", services)
                .put("counters", counters);
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
