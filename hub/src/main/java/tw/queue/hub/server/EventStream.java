package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tw.queue.wire.EventCodec;
import tw.queue.wire.EventTypes;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.LoggedEvent;

/**
 * {@code GET /api/events}: Server-Sent Events. A client names the last event it has ({@code Last-Event-ID}
 * header, or {@code ?lastEventId=}); it gets every later one in order, from memory when recent, from the log
 * otherwise, and then the live ones. Lives on the verticle's event loop, like the writer that feeds it.
 */
public final class EventStream {
    private static final int RECENT = 20_000;
    private static final int PAGE = 500;
    private static final long KEEPALIVE_MS = 15_000;

    private final Vertx vertx;
    private final EventLog log;
    private final WorkerExecutor dbExecutor;
    private final ArrayDeque<Frame> recent = new ArrayDeque<>();
    private final Set<Client> live = new LinkedHashSet<>();
    private long lastSeq;

    private record Frame(long seq, String text) {
    }

    private final class Client {
        final HttpServerResponse response;
        long sent;

        Client(HttpServerResponse response, long sent) {
            this.response = response;
            this.sent = sent;
        }

        void send(Frame f) {
            if (f.seq() > sent) {
                if (response.writeQueueFull()) {
                    // A client that cannot keep up is cut off; it reconnects and catches up from the log.
                    live.remove(this);
                    response.reset();
                    return;
                }
                response.write(f.text());
                sent = f.seq();
            }
        }
    }

    public EventStream(Vertx vertx, EventLog log, WorkerExecutor dbExecutor, long lastSeq) {
        this.vertx = vertx;
        this.log = log;
        this.dbExecutor = dbExecutor;
        this.lastSeq = lastSeq;
        vertx.setPeriodic(KEEPALIVE_MS, id -> live.forEach(c -> c.response.write(": keep-alive\n\n")));
    }

    /** Called by the writer with each committed batch, in order. */
    public void publish(List<LoggedEvent> events) {
        for (LoggedEvent e : events) {
            Frame f = frame(e);
            recent.addLast(f);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
            lastSeq = e.seq();
            for (Client c : List.copyOf(live)) {
                c.send(f);
            }
        }
    }

    public void handle(RoutingContext rc) {
        long from = lastEventId(rc);
        HttpServerResponse res = rc.response();
        res.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        res.write("retry: 2000\n\n");
        Client client = new Client(res, Math.min(from, lastSeq));
        res.closeHandler(v -> live.remove(client));
        catchUp(client);
    }

    /**
     * Sends what the client missed: page by page from the log until memory covers the rest, then from memory,
     * pausing whenever the connection's write queue fills, and finally makes it a live client.
     */
    private void catchUp(Client client) {
        if (client.response.closed()) {
            return;
        }
        long oldestInMemory = recent.isEmpty() ? lastSeq + 1 : recent.peekFirst().seq();
        if (client.sent + 1 >= oldestInMemory) {
            for (Frame f : recent) {
                if (f.seq() <= client.sent) {
                    continue;
                }
                if (client.response.writeQueueFull()) {
                    client.response.drainHandler(v -> catchUp(client));
                    return;
                }
                client.response.write(f.text());
                client.sent = f.seq();
            }
            live.add(client);
            return;
        }
        Future<List<LoggedEvent>> page = dbExecutor.executeBlocking(() -> log.after(client.sent, PAGE), true);
        page.onSuccess(events -> {
            for (LoggedEvent e : events) {
                client.response.write(frame(e).text());
                client.sent = e.seq();
            }
            if (events.isEmpty()) {
                client.sent = Math.max(client.sent, oldestInMemory - 1);
            }
            if (client.response.writeQueueFull()) {
                client.response.drainHandler(v -> catchUp(client));
            } else {
                catchUp(client);
            }
        }).onFailure(err -> client.response.reset());
    }

    private static long lastEventId(RoutingContext rc) {
        String v = rc.request().getHeader("Last-Event-ID");
        if (v == null) {
            v = rc.request().getParam("lastEventId");
        }
        if (v == null || v.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Frame frame(LoggedEvent e) {
        String text = "id: " + e.seq() + "\nevent: " + EventTypes.nameOf(e.event()) + "\ndata: "
                + EventCodec.toPublic(e.seq(), e.event()) + "\n\n";
        return new Frame(e.seq(), text);
    }

    public int clients() {
        return live.size();
    }
}
