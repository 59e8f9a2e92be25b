package tw.queue.hub.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.queue.domain.Event;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Ticket;
import tw.queue.hub.store.LoggedEvent;

/**
 * {@code GET /api/tickets/{id}/events}: one ticket's status for its holder's phone, as Server-Sent Events. Each
 * message is {@code event: ticket.status} with the ticket as {@code GET /api/tickets/{id}} shows it to the
 * public, and {@code id:} the sequence number of the last event it reflects. The first message is the status
 * now (also after a reconnect, so nothing is missed: the status is the whole story); then one whenever what the
 * phone shows changes: called (and where), recalled, ended, transferred, rated, or its place in the queue
 * (people ahead, the estimate in whole minutes). It never carries another ticket's number.
 *
 * <p>After each committed batch that moves the queue, each followed ticket's view is made once, however many
 * phones follow it, and sent only when it changed. Lives on the verticle's event loop, like the writer.
 */
final class TicketStream {
    /** The SSE event name of every message (ticket.js listens for it). */
    static final String TYPE = "ticket.status";
    private static final long KEEPALIVE_MS = 15_000;
    private static final Buffer KEEPALIVE = Buffer.buffer(": keep-alive\n\n");

    private final HubContext hub;
    private final int backlog;
    private final Map<String, Watch> watched = new HashMap<>();

    /** The phones following one ticket, and what they were last told. */
    private static final class Watch {
        final Map<HttpServerResponse, HttpConnection> phones = new LinkedHashMap<>();
        String told;
    }

    TicketStream(Vertx vertx, HubContext hub, int backlog) {
        this.hub = hub;
        this.backlog = backlog;
        vertx.setPeriodic(KEEPALIVE_MS, id -> watched.values().forEach(w -> List.copyOf(w.phones.keySet())
                .forEach(p -> write(w, p, KEEPALIVE))));
    }

    void register(Map<String, io.vertx.core.Handler<RoutingContext>> handlers) {
        handlers.put("ticketEvents", this::handle);
    }

    private void handle(RoutingContext rc) {
        String id = rc.pathParam("id");
        OfficeState state = hub.writer().state();
        Ticket ticket = state.ticket(id).orElse(null);
        if (ticket == null) {
            ApiError.send(rc, 404, "unknown-ticket");
            return;
        }
        HttpServerResponse res = EventStream.startStream(rc.response(), backlog);
        Watch w = watched.computeIfAbsent(id, k -> new Watch());
        w.phones.put(res, rc.request().connection());
        res.closeHandler(v -> {
            w.phones.remove(res);
            if (w.phones.isEmpty()) {
                watched.remove(id, w);
            }
        });
        JsonObject view = view(state, ticket, hub.now());
        w.told = key(view);
        write(w, res, message(hub.writer().seq(), view));
    }

    /** Called by the writer with each committed batch, after the state has taken it. */
    void publish(List<LoggedEvent> batch) {
        if (watched.isEmpty() || batch.stream().noneMatch(e -> movesAPhone(e.event()))) {
            return;
        }
        OfficeState state = hub.writer().state();
        long seq = hub.writer().seq();
        Instant now = hub.now();
        for (Map.Entry<String, Watch> entry : new ArrayList<>(watched.entrySet())) {
            Ticket t = state.ticket(entry.getKey()).orElse(null);
            if (t == null) {
                continue; // a new day: yesterday's ticket is gone from the state; its phone keeps the last word
            }
            Watch w = entry.getValue();
            JsonObject view = view(state, t, now);
            String key = key(view);
            if (!key.equals(w.told)) {
                w.told = key;
                Buffer bytes = message(seq, view);
                List.copyOf(w.phones.keySet()).forEach(p -> write(w, p, bytes));
            }
        }
    }

    /** Device health, alerts and print jobs change no ticket's page. */
    private static boolean movesAPhone(Event e) {
        return !(e instanceof Event.DeviceHealth || e instanceof Event.AlertRaised
                || e instanceof Event.AlertAcknowledged || e instanceof Event.PrintRequested
                || e instanceof Event.PrintFinished);
    }

    private JsonObject view(OfficeState state, Ticket t, Instant now) {
        return ApiShapes.ticket(state, hub.estimator(), t, now, false);
    }

    /** What the phone shows; the estimate's seconds drift with the clock, the page shows minutes. */
    private static String key(JsonObject v) {
        Long wait = v.getLong("estimatedWaitSeconds");
        return v.getString("status") + '|' + v.getValue("counter") + '|' + v.getValue("recalls") + '|'
                + v.getString("service") + '|' + v.getValue("transfers") + '|' + v.getValue("ahead") + '|'
                + (wait == null ? "-" : Long.toString((wait + 30) / 60)) + '|' + v.getValue("rated") + '|'
                + v.getValue("aheadChangedBecause");
    }

    private static Buffer message(long seq, JsonObject view) {
        return Buffer.buffer("id: " + seq + "\nevent: " + TYPE + "\ndata: " + view.encode() + "\n\n");
    }

    private static void write(Watch w, HttpServerResponse phone, Buffer bytes) {
        if (phone.writeQueueFull()) {
            // too slow to read: closed; its reconnect starts with the status as it is then
            HttpConnection connection = w.phones.remove(phone);
            if (connection != null) {
                EventStream.cut(connection);
            }
            return;
        }
        phone.write(bytes);
    }

    /** Cuts every phone's stream: the hub is stopping (each reconnects and is told its status again). */
    void closeAll() {
        watched.values().forEach(w -> List.copyOf(w.phones.values()).forEach(EventStream::cut));
    }

    /** Phones following a ticket now. */
    int followers() {
        return watched.values().stream().mapToInt(w -> w.phones.size()).sum();
    }
}
