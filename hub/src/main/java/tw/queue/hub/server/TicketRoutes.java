package tw.queue.hub.server;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tw.queue.hub.auth.Principal;
import tw.queue.hub.auth.Role;
import tw.queue.domain.Channel;
import tw.queue.domain.Command;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Priority;
import tw.queue.domain.QueueEngine;
import tw.queue.domain.WireNamed;

/** Taking, reading and cancelling numbers, and online appointments. */
final class TicketRoutes {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HubContext hub;

    TicketRoutes(HubContext hub) {
        this.hub = hub;
    }

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("issueTicket", this::issue);
        handlers.put("getTicket", this::get);
        handlers.put("findTickets", this::find);
        handlers.put("cancelTicket", this::cancel);
        handlers.put("checkIn", this::checkIn);
        handlers.put("bookAppointments", this::book);
        handlers.put("rateTicket", this::rate);
    }

    /**
     * Whoever holds the id rates without a token (the phone page); the counter's satisfaction box rates with
     * its panel token, only for a ticket its counter served. Staff do not rate their own service.
     */
    private void rate(RoutingContext rc) {
        Principal p = Access.caller(rc).orElse(null);
        String id = rc.pathParam("id");
        if (p != null && !p.is(Role.PANEL)) {
            ApiError.send(rc, 403, "role-forbidden");
            return;
        }
        if (p != null) {
            Integer servedAt = hub.writer().state().ticket(id).map(t -> t.counter()).orElse(null);
            if (servedAt != null && !p.counters().contains(servedAt)) {
                ApiError.send(rc, 403, "not-your-counter", servedAt);
                return;
            }
        }
        JsonObject body = rc.body().asJsonObject();
        hub.writer().submit(new Command.RateTicket(id, body.getString("rating"), body.getString("comment")))
                .onComplete(ar -> Replies.after(rc, ar, 201, r -> {
                    OfficeState s = hub.writer().state();
                    tw.queue.domain.Ticket t = s.ticket(id).orElseThrow();
                    return new JsonObject().put("id", t.id()).put("number", t.number()).put("service", t.service())
                            .put("counter", t.counter()).put("rating", s.rating(id).orElseThrow());
                }));
    }

    private void issue(RoutingContext rc) {
        Access.require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            Priority priority = WireNamed.fromWire(Priority.class, body.getString("priority", Priority.NONE.wire()));
            hub.writer().submit(new Command.IssueTicket(newTicketId(), body.getString("service"), priority,
                    channelOf(p), body.getString("lang"))).onComplete(ar -> answer(rc, ar, 201));
        });
    }

    private void get(RoutingContext rc) {
        OfficeState state = hub.writer().state();
        state.ticket(rc.pathParam("id")).ifPresentOrElse(
                t -> Replies.json(rc, 200, ApiShapes.ticket(state, hub.estimator(), t, hub.now(), isStaff(rc))),
                () -> ApiError.send(rc, 404, "unknown-ticket"));
    }

    /** Today's ticket with a display number, for staff in the lobby ("number 2003 has left"). */
    private void find(RoutingContext rc) {
        Access.require(rc, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            int number = Integer.parseInt(rc.queryParams().get("number"));
            OfficeState state = hub.writer().state();
            io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
            state.tickets().stream().filter(t -> t.number() == number)
                    .forEach(t -> out.add(ApiShapes.ticket(state, hub.estimator(), t, hub.now())));
            Replies.json(rc, 200, out);
        });
    }

    /** A citizen left (volunteer, manager), or a kiosk could not print the slip of the number it just took. */
    private void cancel(RoutingContext rc) {
        Access.require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> hub.writer()
                .submit(new Command.CancelTicket(rc.pathParam("id"), p.actor()))
                .onComplete(ar -> answer(rc, ar, 200)));
    }

    private void checkIn(RoutingContext rc) {
        Access.require(rc, Role.KIOSK, Role.VOLUNTEER, Role.MANAGER).ifPresent(p -> {
            JsonObject body = rc.body().asJsonObject();
            hub.writer().submit(new Command.CheckIn(newTicketId(), body.getString("code"), channelOf(p),
                    body.getString("lang"))).onComplete(ar -> answer(rc, ar, 201));
        });
    }

    private void book(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            List<Command.Booking> bookings = new ArrayList<>();
            for (Object o : rc.body().asJsonObject().getJsonArray("appointments")) {
                JsonObject a = (JsonObject) o;
                bookings.add(new Command.Booking(a.getString("code"), a.getString("service"),
                        OffsetDateTime.parse(a.getString("at")).toInstant()));
            }
            hub.writer().submit(new Command.BookAppointments(bookings)).onComplete(ar ->
                    Replies.after(rc, ar, 200, r -> new JsonObject().put("booked", bookings.size())));
        });
    }

    /** The ticket a command concerns, as it now stands. */
    private void answer(RoutingContext rc, AsyncResult<QueueEngine.Result> ar, int status) {
        Replies.after(rc, ar, status, r -> {
            OfficeState s = hub.writer().state();
            return ApiShapes.ticket(s, hub.estimator(), s.ticket(r.ticketId().orElseThrow()).orElseThrow(), hub.now(),
                    isStaff(rc));
        });
    }

    /** Staff see a ticket's priority class; a phone, a kiosk's screen in the lobby or a board only that it has one. */
    private static boolean isStaff(RoutingContext rc) {
        return Access.caller(rc).map(p -> p.is(Role.CLERK, Role.VOLUNTEER, Role.MANAGER)).orElse(false);
    }

    private static Channel channelOf(Principal p) {
        return p.is(Role.KIOSK) ? Channel.KIOSK : p.is(Role.VOLUNTEER) ? Channel.VOLUNTEER : Channel.WEB;
    }

    /** 128 random bits: whoever holds the id may read the ticket, so it must not be guessable. */
    private static String newTicketId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
