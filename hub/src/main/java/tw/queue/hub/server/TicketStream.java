package tw.queue.hub.server;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>A ticket a committed batch names (called, recalled, ended, transferred, rated) has its view made at once;
 * every other followed ticket's place in the queue is looked at again after the batch too, but at most every
 * {@link #REFRESH_MS} (a busy office commits several batches a second, and each view costs an estimate), in
 * slices that give the event loop back. Each view is made once, however many phones follow the ticket, by the
 * same {@code ApiShapes.ticket} that answers {@code GET /api/tickets/{id}}, and sent only when it changed.
 * Lives on the verticle's event loop, like the writer.
 */
final class TicketStream {
    /** The SSE event name of every message (ticket.js listens for it). */
    static final String TYPE = "ticket.status";
    /** The places in the queue of the tickets a batch does not name are looked at again at most this often. */
    static final long REFRESH_MS = 250;

    private final Vertx vertx;
    private final HubContext hub;
    private final int backlog;
    private final Map<String, Watch> watched = new HashMap<>();
    /** A look at every followed ticket is due (a batch moved the queue since the last one), or under way. */
    private boolean refreshDue;
    private boolean refreshing;
    private long refreshedAt = System.nanoTime() - REFRESH_MS * 1_000_000;

    /** The phones following one ticket, and what they were last told. */
    private static final class Watch {
        final String ticketId;
        final Map<StreamConnection, Phone> phones = new LinkedHashMap<>();
        String told;

        Watch(String ticketId) {
            this.ticketId = ticketId;
        }
    }

    /** When one phone's connection was last written to (System.nanoTime()). */
    private static final class Phone {
        long writtenAt = System.nanoTime();
    }

    TicketStream(Vertx vertx, HubContext hub, int backlog) {
        this.vertx = vertx;
        this.hub = hub;
        this.backlog = backlog;
        EventStream.keepAlives(vertx, () -> watched.values().toArray(new Watch[0]), (w, quietSince) -> {
            for (Map.Entry<StreamConnection, Phone> p : List.copyOf(w.phones.entrySet())) {
                if (p.getValue().writtenAt - quietSince < 0) {
                    write(w, p.getKey(), p.getValue(), EventStream.KEEPALIVE);
                }
            }
        });
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
        StreamConnection res = EventStream.startStream(rc, backlog);
        Watch w = watched.computeIfAbsent(id, Watch::new);
        Phone phone = new Phone();
        w.phones.put(res, phone);
        res.closeHandler(() -> {
            w.phones.remove(res);
            if (w.phones.isEmpty()) {
                watched.remove(id, w);
            }
        });
        JsonObject view = view(state, ticket, hub.now());
        w.told = key(view);
        write(w, res, phone, message(hub.writer().seq(), view));
    }

    /**
     * Called by the writer with each committed batch, after the state has taken it: the tickets it names are
     * told now, the others' places after at most {@link #REFRESH_MS}.
     */
    void publish(List<LoggedEvent> batch) {
        if (watched.isEmpty() || batch.stream().noneMatch(e -> movesAPhone(e.event()))) {
            return;
        }
        Set<Watch> named = new LinkedHashSet<>(); // a ticket the batch names twice is told once
        for (LoggedEvent e : batch) {
            if (e.event() instanceof Event.TicketEvent te) {
                Watch w = watched.get(te.ticketId());
                if (w != null) {
                    named.add(w);
                }
            }
        }
        named.forEach(w -> tell(w, hub.writer().state(), hub.writer().seq(), hub.now()));
        refreshDue = true;
        if (!refreshing) {
            refreshing = true;
            long waitMs = REFRESH_MS - (System.nanoTime() - refreshedAt) / 1_000_000;
            if (waitMs <= 0) {
                // after the writer's own work: its callers are answered first
                vertx.runOnContext(v -> refresh());
            } else {
                vertx.setTimer(waitMs, id -> refresh());
            }
        }
    }

    /** Every followed ticket looked at again, in slices; a batch committed meanwhile makes another due. */
    private void refresh() {
        refreshDue = false;
        refreshedAt = System.nanoTime();
        EventStream.sliced(vertx, watched.values().toArray(new Watch[0]), 0, w -> {
            if (!w.phones.isEmpty()) {
                tell(w, hub.writer().state(), hub.writer().seq(), hub.now());
            }
        }, () -> {
            if (refreshDue) {
                long waitMs = REFRESH_MS - (System.nanoTime() - refreshedAt) / 1_000_000;
                vertx.setTimer(Math.max(1, waitMs), id -> refresh());
            } else {
                refreshing = false;
            }
        });
    }

    /** Makes the ticket's view and sends it to its phones if it changed. */
    private void tell(Watch w, OfficeState state, long seq, Instant now) {
        Ticket t = state.ticket(w.ticketId).orElse(null);
        if (t == null) {
            return; // a new day: yesterday's ticket is gone from the state; its phone keeps the last word
        }
        JsonObject view = view(state, t, now);
        String key = key(view);
        if (!key.equals(w.told)) {
            w.told = key;
            ByteBuf bytes = message(seq, view);
            List.copyOf(w.phones.entrySet()).forEach(p -> write(w, p.getKey(), p.getValue(), bytes));
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

    private static ByteBuf message(long seq, JsonObject view) {
        return StreamConnection.chunk("id: " + seq + "\nevent: " + TYPE + "\ndata: " + view.encode() + "\n\n");
    }

    private static void write(Watch w, StreamConnection res, Phone phone, ByteBuf bytes) {
        if (res.full()) {
            // too slow to read: closed; its reconnect starts with the status as it is then
            if (w.phones.remove(res) != null) {
                res.cut();
            }
            return;
        }
        res.write(bytes);
        phone.writtenAt = System.nanoTime();
    }

    /** Cuts every phone's stream: the hub is stopping (each reconnects and is told its status again). */
    void closeAll() {
        watched.values().forEach(w -> List.copyOf(w.phones.keySet()).forEach(StreamConnection::cut));
    }

    /** Phones following a ticket now. */
    int followers() {
        return watched.values().stream().mapToInt(w -> w.phones.size()).sum();
    }
}
