package tw.queue.hub.server;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.wire.EventCodec;
import tw.queue.wire.EventTypes;
import tw.queue.hub.store.EventReader;
import tw.queue.hub.store.LoggedEvent;

/**
 * {@code GET /api/events}: Server-Sent Events. A client names the last event it has ({@code Last-Event-ID}
 * header, or {@code ?lastEventId=}); it gets every later one in order, from memory when recent, from the log
 * otherwise, and then the live ones. Lives on the verticle's event loop, like the writer that feeds it.
 * {@code ?counters=1,2} or {@code ?area=A} narrows it to what a board there shows: events that name another
 * counter are left out, every other event is sent.
 *
 * <p>Memory holds the newest {@code memory} events (50,000 by default, some 15 MB of frames; a busy office day
 * logs about 13,000), filled from the log at start, so a reconnect, also across a hub restart, is served from
 * memory. Older
 * events are read from the log on a read-only connection of the stream's own, never the writer's, a page at a
 * time; at most {@code maxCatchUps} pages are being read at once, the other clients wait their turn in order, so
 * two hundred strangers replaying from {@code Last-Event-ID: 0} share one thread and slow no one's ticket.
 *
 * <p>Fan-out: each event is encoded once, into one HTTP chunk that every follower's connection is handed. A
 * follower's socket is not the writer's loop's to write: once its stream has begun it is taken from Vert.x and
 * moved to a stream loop ({@link StreamConnection}); this loop only hands each socket its buffer. The followers
 * are served in rounds: a round hands out all that was committed since the last round (one write per
 * follower, however many events), gives the event loop back every {@link #SLICE_NANOS}, and the next round
 * waits until the stream loops have written this one, so a clerk's call-next never waits behind ten thousand
 * phones; events committed meanwhile go out together in the next round. A follower that leaves more than
 * {@code Limits.followerBacklog} bytes unread is closed (not the others' problem): it reconnects with
 * {@code Last-Event-ID} and loses nothing.
 */
public final class EventStream {
    private static final int PAGE = 500;
    /** A follower sent nothing for this long gets a keep-alive comment (checked every third of it). */
    static final long KEEPALIVE_MS = 15_000;
    /** A round of the fan-out gives the event loop back after this much work (checked every 64 followers). */
    private static final long SLICE_NANOS = 3_000_000;
    /** The comment a quiet follower is sent so that no proxy or phone takes the stream for dead. */
    static final ByteBuf KEEPALIVE = StreamConnection.chunk(": keep-alive\n\n");
    private static final Buffer RETRY = Buffer.buffer("retry: 2000\n\n");

    private final Vertx vertx;
    private final EventReader reader;
    private final WorkerExecutor readerExecutor;
    private final int maxCatchUps;
    private final int backlog;
    private final Map<String, Set<Integer>> areas;
    private final Ring recent;
    /** Every follower connected now, whatever it is doing (to cut them all when the hub stops). */
    private final Set<Client> all = new HashSet<>();
    private final Set<Client> live = new LinkedHashSet<>();
    /** Clients reading from the log now, and those waiting for their turn. */
    private final Set<Client> reading = new LinkedHashSet<>();
    private final ArrayDeque<Client> waiting = new ArrayDeque<>();
    private long lastSeq;
    private long pagesFromLog;
    private long dropped;
    /** A round of the fan-out is under way (it takes what was committed up to its start). */
    private boolean fanningOut;

    /**
     * One event's message, encoded once as an HTTP chunk shared by every follower; {@code counter} the counter it
     * names, if any (for filtered followers).
     */
    private record Frame(long seq, byte[] chunk, Integer counter) {
        /**
         * The chunk as a buffer to write. Memory keeps only the bytes (50,000 frames: some 6 MB less than keeping
         * each as a buffer), so a wrapper is made per write: a catch-up's, not a round's ({@link #framesBetween}).
         */
        ByteBuf bytes() {
            return io.netty.buffer.Unpooled.wrappedBuffer(chunk);
        }
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

        /** The frame of {@code seq}, or null when memory no longer (or not yet) holds it. */
        Frame bySeq(long seq) {
            if (size == 0 || seq < firstSeq() || seq >= firstSeq() + size) {
                return null;
            }
            return get((int) (seq - firstSeq()));
        }
    }

    private final class Client {
        final StreamConnection stream;
        /** The counters this follower asked for; null for all. */
        final Set<Integer> counters;
        long sent;
        /** When it was last written to (System.nanoTime()), for the keep-alives. */
        long writtenAt = System.nanoTime();

        Client(StreamConnection stream, long sent, Set<Integer> counters) {
            this.stream = stream;
            this.sent = sent;
            this.counters = counters;
        }

        boolean wants(Frame f) {
            return counters == null || f.counter() == null || counters.contains(f.counter());
        }

        /** Writes a frame it lacks (for a filtered follower, one it wants); false once it is closed as too slow. */
        boolean write(Frame f) {
            if (f.seq() <= sent) {
                return true;
            }
            sent = f.seq();
            return !wants(f) || write(f.bytes());
        }

        /** Writes bytes, closing a follower that has left more than the backlog unread. */
        boolean write(ByteBuf bytes) {
            return write(bytes, null);
        }

        /** As {@link #write(ByteBuf)}, with the other writes of a round's slice when {@code batch} is given. */
        boolean write(ByteBuf bytes, StreamConnection.Batch batch) {
            if (stream.full()) {
                // Too slow to read: closed, so it costs no one else; it reconnects and catches up from sent.
                if (!stream.isClosed()) {
                    dropped++;
                }
                live.remove(this);
                stream.cut();
                return false;
            }
            if (batch != null) {
                batch.write(stream, bytes);
            } else {
                stream.write(bytes);
            }
            writtenAt = System.nanoTime();
            return true;
        }
    }

    /**
     * @param reader      the stream's own read-only view of the log, used on {@code readerExecutor} only
     * @param newest      the newest events of the log (at most {@code memory}), oldest first, to start the memory with
     * @param memory      events kept in memory
     * @param maxCatchUps pages of missed events read from the log at once at most
     * @param backlog     bytes a follower may leave unread in the hub before it is closed
     * @param office      the counters' areas, for {@code ?area=}
     */
    public EventStream(Vertx vertx, EventReader reader, WorkerExecutor readerExecutor, long lastSeq,
                       List<LoggedEvent> newest, int memory, int maxCatchUps, int backlog, OfficeConfig office) {
        this.vertx = vertx;
        this.reader = reader;
        this.readerExecutor = readerExecutor;
        this.recent = new Ring(memory);
        this.maxCatchUps = maxCatchUps;
        this.backlog = backlog;
        this.lastSeq = lastSeq;
        Map<String, Set<Integer>> byArea = new HashMap<>();
        for (CounterDef c : office.counters()) {
            if (c.area() != null) {
                byArea.computeIfAbsent(c.area(), a -> new HashSet<>()).add(c.number());
            }
        }
        this.areas = Map.copyOf(byArea);
        for (LoggedEvent e : newest) {
            if (e.seq() <= lastSeq) {
                recent.add(frame(e));
            }
        }
        keepAlives(vertx, () -> live.toArray(new Client[0]), (c, quietSince) -> {
            if (c.writtenAt - quietSince < 0 && live.contains(c)) {
                c.write(KEEPALIVE);
            }
        });
    }

    /**
     * The keep-alives of a stream: every third of {@link #KEEPALIVE_MS}, {@code each} is given every follower
     * (of {@code followers}, taken then) and the time ({@code System.nanoTime()}) before which one last written to
     * has heard nothing lately and is sent {@link #KEEPALIVE}. Only those (on a working day: none), and in slices
     * like a round: ten thousand writes at once would hold a clerk's call-next back. One walk at a time.
     */
    static <T> void keepAlives(Vertx vertx, Supplier<T[]> followers, BiConsumer<T, Long> each) {
        boolean[] walking = new boolean[1];
        vertx.setPeriodic(KEEPALIVE_MS / 3, id -> {
            if (walking[0]) {
                return;
            }
            walking[0] = true;
            long quietSince = System.nanoTime() - (KEEPALIVE_MS * 2 / 3) * 1_000_000;
            sliced(vertx, followers.get(), 0, f -> each.accept(f, quietSince), () -> walking[0] = false);
        });
    }

    /**
     * Does {@code each} for every item from {@code from} on, giving the event loop back (a 1 ms timer, so the
     * loop reads its sockets in between: a clerk's call-next) after every {@link #SLICE_NANOS} of work, checked
     * every 64 items; then {@code done}. The one way both streams walk all their followers.
     */
    static <T> void sliced(Vertx vertx, T[] items, int from, Consumer<T> each, Runnable done) {
        sliced(vertx, items, from, each, () -> { }, done);
    }

    /** As above; {@code pause} runs at the end of each slice, before the loop is given back or {@code done} runs. */
    static <T> void sliced(Vertx vertx, T[] items, int from, Consumer<T> each, Runnable pause, Runnable done) {
        long deadline = System.nanoTime() + SLICE_NANOS;
        int i = from;
        while (i < items.length) {
            each.accept(items[i++]);
            if ((i & 63) == 0 && i < items.length && System.nanoTime() > deadline) {
                pause.run();
                int next = i;
                vertx.setTimer(1, id -> sliced(vertx, items, next, each, pause, done));
                return;
            }
        }
        pause.run();
        done.run();
    }

    /** Called by the writer with each committed batch, in order: encoded once, sent in the next round. */
    public void publish(List<LoggedEvent> events) {
        for (LoggedEvent e : events) {
            recent.add(frame(e));
            lastSeq = e.seq();
        }
        if (!fanningOut && !events.isEmpty()) {
            fanningOut = true;
            // after the writer's own work: its callers are answered before the phones hear of it
            vertx.runOnContext(v -> round());
        }
    }

    /**
     * One round: every live follower gets what was committed up to now, in one write each; the next round begins
     * when the stream loops have written this one ({@link StreamConnection#afterWrites}).
     */
    private void round() {
        long to = lastSeq;
        Map<Long, ByteBuf> bySent = new HashMap<>();
        StreamConnection.Batch batch = new StreamConnection.Batch();
        sliced(vertx, live.toArray(new Client[0]), 0, c -> {
            if (c.sent < to && live.contains(c)) {
                send(c, to, bySent, batch);
            }
        }, batch::submit, () -> StreamConnection.afterWrites(() -> {
            if (lastSeq > to) {
                round();
            } else {
                fanningOut = false;
            }
        }));
    }

    /** Sends a follower what it lacks up to {@code to}: unfiltered ones at the same place share one buffer. */
    private void send(Client c, long to, Map<Long, ByteBuf> bySent, StreamConnection.Batch batch) {
        if (c.counters == null) {
            ByteBuf bytes = bySent.computeIfAbsent(c.sent, sent -> framesBetween(sent, to));
            if (bytes != null) {
                if (c.write(bytes, batch)) {
                    c.sent = to;
                }
                return;
            }
        }
        for (long seq = c.sent + 1; seq <= to; seq++) {
            Frame f = recent.bySeq(seq);
            if (f == null) {
                // memory moved on past it (a burst bigger than the memory): it catches up from the log
                live.remove(c);
                catchUp(c);
                return;
            }
            if (!c.write(f)) {
                return;
            }
        }
    }

    /** The frames after {@code sent} up to {@code to}, as one buffer; null when memory no longer holds them all. */
    private ByteBuf framesBetween(long sent, long to) {
        if (recent.bySeq(sent + 1) == null) {
            return null;
        }
        List<byte[]> all = new java.util.ArrayList<>();
        for (long seq = sent + 1; seq <= to; seq++) {
            all.add(recent.bySeq(seq).chunk());
        }
        return StreamConnection.forRound(all);
    }

    public void handle(RoutingContext rc) {
        Set<Integer> counters;
        try {
            counters = counters(rc);
        } catch (IllegalArgumentException e) {
            ApiError.send(rc, 400, "unknown-area", rc.request().getParam("area"));
            return;
        }
        long from = lastEventId(rc);
        StreamConnection stream = startStream(rc, backlog);
        Client client = new Client(stream, Math.min(from, lastSeq), counters);
        all.add(client);
        stream.closeHandler(() -> {
            all.remove(client);
            live.remove(client);
            waiting.remove(client);
        });
        catchUp(client);
    }

    /** {@code ?counters=1,2} and {@code ?area=A} (the router checked their form), joined; null for everything. */
    private Set<Integer> counters(RoutingContext rc) {
        String list = rc.request().getParam("counters");
        String area = rc.request().getParam("area");
        if (list == null && area == null) {
            return null;
        }
        Set<Integer> out = new HashSet<>();
        if (list != null && !list.isBlank()) {
            for (String n : list.split(",")) {
                out.add(Integer.parseInt(n.trim()));
            }
        }
        if (area != null) {
            Set<Integer> inArea = areas.get(area);
            if (inArea == null) {
                throw new IllegalArgumentException(area);
            }
            out.addAll(inArea);
        }
        return Set.copyOf(out);
    }

    /**
     * Sends what the client missed: page by page from the log (in turn with the other clients doing so) until
     * memory covers the rest, then from memory, pausing whenever the connection's write queue fills, and finally
     * makes it a live client.
     */
    private void catchUp(Client client) {
        if (client.stream.isClosed()) {
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
                if (client.stream.full()) {
                    client.stream.flush();
                    client.stream.drainHandler(() -> catchUp(client));
                    return;
                }
                client.sent = f.seq();
                if (client.wants(f)) {
                    client.stream.add(f.bytes());
                }
            }
            client.stream.flush();
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
                () -> reader.after(client.sent, PAGE).stream().map(EventStream::frame).toList(), false);
        page.onSuccess(frames -> {
            doneReading(client);
            if (client.stream.isClosed()) {
                return;
            }
            for (Frame f : frames) {
                client.sent = f.seq();
                if (client.wants(f)) {
                    client.stream.add(f.bytes());
                }
            }
            client.stream.flush();
            if (frames.isEmpty()) {
                client.sent = Math.max(client.sent, oldestInMemory - 1);
            }
            if (client.stream.full()) {
                client.stream.drainHandler(() -> catchUp(client));
            } else {
                catchUp(client);
            }
        }).onFailure(err -> {
            doneReading(client);
            client.stream.cut();
        });
    }

    /** The client's turn at the log is over: those waiting take theirs, in order. */
    private void doneReading(Client client) {
        if (!reading.remove(client)) {
            return;
        }
        while (reading.size() < maxCatchUps && !waiting.isEmpty()) {
            Client next = waiting.pollFirst();
            if (!next.stream.isClosed()) {
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
        String data = EventCodec.toPublic(e.seq(), e.event());
        String text = "id: " + e.seq() + "\nevent: " + EventTypes.nameOf(e.event()) + "\ndata: " + data + "\n\n";
        Object counter = data.contains("\"counter\"") ? new JsonObject(data).getValue("counter") : null;
        return new Frame(e.seq(), StreamConnection.chunkBytes(text), counter instanceof Integer n ? n : null);
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

    /**
     * Closes a follower's connection at once. Vert.x's own close first flushes what is queued, which a follower
     * that does not read never lets happen: its connection would stay open (and block the server's shutdown)
     * until the idle timeout. Netty's close drops the queue; what the kernel already holds still arrives, then
     * the end of the stream.
     */
    static void cut(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().close();
        } else {
            connection.close();
        }
    }

    /** Cuts every follower: the hub is stopping (they reconnect to the next one and lose nothing). */
    public void closeAll() {
        List.copyOf(all).forEach(c -> c.stream.cut());
    }

    /** Followers closed since the start for leaving more than the backlog unread. */
    public long dropped() {
        return dropped;
    }

    /** Clients waiting for their turn to read from the log. */
    public int waitingToCatchUp() {
        return waiting.size();
    }

    /**
     * Starts a server-sent-events response: the stream's headers (no caching, no proxy buffering) and the
     * reconnect delay, written by Vert.x; then the hub takes the connection ({@link StreamConnection}), bounding
     * what may wait unsent by {@code backlog}. The one place both streams (this and the per-ticket one) begin.
     */
    static StreamConnection startStream(RoutingContext rc, int backlog) {
        HttpServerResponse res = rc.response();
        res.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        // Vert.x reports the end of a connection it no longer holds to these; nothing is left to handle
        res.exceptionHandler(e -> { });
        rc.request().exceptionHandler(e -> { });
        return StreamConnection.take(res, rc.request().connection(), RETRY, backlog);
    }
}
