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
import tw.queue.hub.store.EventReader;
import tw.queue.hub.store.LoggedEvent;

/**
 * {@code GET /api/events}: Server-Sent Events. A client names the last event it has ({@code Last-Event-ID}
 * header, or {@code ?lastEventId=}); it gets every later one in order, from memory when recent, from the log
 * otherwise, and then the live ones. Lives on the verticle's event loop, like the writer that feeds it.
 *
 * <p>Memory holds the newest {@code memory} events (50,000 by default, some 15 MB of frames; a busy office day
 * logs about 13,000), filled from the log at start, so a reconnect, also across a hub restart, is served from
 * memory. Older
 * events are read from the log on a read-only connection of the stream's own, never the writer's, a page at a
 * time; at most {@code maxCatchUps} pages are being read at once, the other clients wait their turn in order, so
 * two hundred strangers replaying from {@code Last-Event-ID: 0} share one thread and slow no one's ticket.
 */
public final class EventStream {
    private static final int PAGE = 500;
    private static final long KEEPALIVE_MS = 15_000;

    private final EventReader reader;
    private final WorkerExecutor readerExecutor;
    private final int maxCatchUps;
    private final Ring recent;
    private final Set<Client> live = new LinkedHashSet<>();
    /** Clients reading from the log now, and those waiting for their turn. */
    private final Set<Client> reading = new LinkedHashSet<>();
    private final ArrayDeque<Client> waiting = new ArrayDeque<>();
    private long lastSeq;
    private long pagesFromLog;

    private record Frame(long seq, String text) {
    }

    /** The newest frames in a fixed array; their sequence numbers are consecutive (the log has no gaps). */
    private static final class Ring {
        private final Frame[] frames;
        private int start;
        private int size;

        Ring(int capacity) {
            frames = new Frame[Math.max(1, capacity)];
        }

        void add(Frame f) {
            if (size == frames.length) {
                frames[start] = f;
                start = (start + 1) % frames.length;
            } else {
                frames[(start + size) % frames.length] = f;
                size++;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        long firstSeq() {
            return frames[start].seq();
        }

        Frame get(int i) {
            return frames[(start + i) % frames.length];
        }
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
                    // A client that cannot keep up is cut off; it reconnects and catches up.
                    live.remove(this);
                    response.reset();
                    return;
                }
                response.write(f.text());
                sent = f.seq();
            }
        }
    }

    /**
     * @param reader      the stream's own read-only view of the log, used on {@code readerExecutor} only
     * @param newest      the newest events of the log (at most {@code memory}), oldest first, to start the memory with
     * @param memory      events kept in memory
     * @param maxCatchUps pages of missed events read from the log at once at most
     */
    public EventStream(Vertx vertx, EventReader reader, WorkerExecutor readerExecutor, long lastSeq,
                       List<LoggedEvent> newest, int memory, int maxCatchUps) {
        this.reader = reader;
        this.readerExecutor = readerExecutor;
        this.recent = new Ring(memory);
        this.maxCatchUps = maxCatchUps;
        this.lastSeq = lastSeq;
        for (LoggedEvent e : newest) {
            if (e.seq() <= lastSeq) {
                remember(frame(e));
            }
        }
        vertx.setPeriodic(KEEPALIVE_MS, id -> live.forEach(c -> c.response.write(": keep-alive\n\n")));
    }

    /** Called by the writer with each committed batch, in order. */
    public void publish(List<LoggedEvent> events) {
        for (LoggedEvent e : events) {
            Frame f = frame(e);
            remember(f);
            lastSeq = e.seq();
            for (Client c : List.copyOf(live)) {
                c.send(f);
            }
        }
    }

    private void remember(Frame f) {
        recent.add(f);
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
        res.closeHandler(v -> {
            live.remove(client);
            waiting.remove(client);
        });
        catchUp(client);
    }

    /**
     * Sends what the client missed: page by page from the log (in turn with the other clients doing so) until
     * memory covers the rest, then from memory, pausing whenever the connection's write queue fills, and finally
     * makes it a live client.
     */
    private void catchUp(Client client) {
        if (client.response.closed()) {
            return;
        }
        long oldestInMemory = recent.isEmpty() ? lastSeq + 1 : recent.firstSeq();
        if (client.sent + 1 >= oldestInMemory) {
            // straight to the first frame the client lacks: a long catch-up never walks the memory from its start
            for (int i = (int) (client.sent + 1 - oldestInMemory); i < recent.size(); i++) {
                Frame f = recent.get(i);
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
        if (reading.size() >= maxCatchUps) {
            waiting.addLast(client);
            return;
        }
        // A turn is one page read from the log: a client slow to take what it was sent holds no turn meanwhile.
        reading.add(client);
        pagesFromLog++;
        // the frames are made on the reader's thread too: the event loop only writes them out
        Future<List<Frame>> page = readerExecutor.executeBlocking(
                () -> reader.after(client.sent, PAGE).stream().map(EventStream::frame).toList(), true);
        page.onSuccess(frames -> {
            doneReading(client);
            if (client.response.closed()) {
                return;
            }
            for (Frame f : frames) {
                client.response.write(f.text());
                client.sent = f.seq();
            }
            if (frames.isEmpty()) {
                client.sent = Math.max(client.sent, oldestInMemory - 1);
            }
            if (client.response.writeQueueFull()) {
                client.response.drainHandler(v -> catchUp(client));
            } else {
                catchUp(client);
            }
        }).onFailure(err -> {
            doneReading(client);
            client.response.reset();
        });
    }

    /** The client's turn at the log is over: those waiting take theirs, in order. */
    private void doneReading(Client client) {
        if (!reading.remove(client)) {
            return;
        }
        while (reading.size() < maxCatchUps && !waiting.isEmpty()) {
            Client next = waiting.pollFirst();
            if (!next.response.closed()) {
                catchUp(next);
            }
        }
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

    /** Clients whose page of missed events is being read from the log now (at most {@code maxCatchUps}). */
    public int catchingUp() {
        return reading.size();
    }

    /** Pages of missed events read from the log since the start (0 while every client is served from memory). */
    public long pagesFromLog() {
        return pagesFromLog;
    }

    /** Clients waiting for their turn to read from the log. */
    public int waitingToCatchUp() {
        return waiting.size();
    }
}
