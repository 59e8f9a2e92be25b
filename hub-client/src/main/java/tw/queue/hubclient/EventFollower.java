package tw.queue.hubclient;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Follows the hub as the design asks: read {@code GET /api/queue} once, then {@code GET /api/events} with
 * {@code Last-Event-ID: <seq>}, and after any break reconnect with the last sequence number received, so no
 * event is missed or seen twice. Runs on its own thread; the listener is called on it, in order.
 */
public final class EventFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventFollower.class.getName());
    /** Retry quickly (a restarted hub is back within seconds), but not in a tight loop. */
    private static final long[] BACKOFF_MS = {100, 250, 500, 1000};
    /** The hub writes a keep-alive every 15 s; a stream silent for longer than this is dead. */
    private static final long SILENCE_LIMIT_MS = 40_000;

    /** What the agent does with the hub's state. */
    public interface Listener {
        /** The {@code GET /api/queue} snapshot, once before the first event. */
        void onSnapshot(JsonNode queue);

        void onEvent(HubEvent event);

        /** The link to the hub came up (true) or broke (false). */
        default void onLink(boolean up) {
        }
    }

    private final HubClient hub;
    private final Listener listener;
    private final Thread thread;
    private final AtomicLong lastSeq = new AtomicLong(-1);
    private final AtomicLong lastByteAt = new AtomicLong();
    private final AtomicReference<InputStream> current = new AtomicReference<>();
    private final ScheduledExecutorService watchdog;
    private volatile boolean running = true;
    private volatile boolean up;

    public EventFollower(HubClient hub, Listener listener) {
        this.hub = hub;
        this.listener = listener;
        this.thread = new Thread(this::run, "hub-events");
        this.thread.setDaemon(true);
        this.watchdog = Background.scheduler("hub-events-watchdog");
    }

    public EventFollower start() {
        thread.start();
        watchdog.scheduleAtFixedRate(this::cutSilentStream, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    /** The sequence number of the last event handled (-1 before the snapshot). */
    public long lastSeq() {
        return lastSeq.get();
    }

    public boolean isUp() {
        return up;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                if (lastSeq.get() < 0) {
                    HubReply q = hub.queue();
                    if (q.status() != 200) {
                        throw new HubUnreachable("GET /api/queue answered " + q, null);
                    }
                    listener.onSnapshot(q.body());
                    lastSeq.set(q.body().path("seq").asLong(0));
                }
                follow();
                failures = 0; // the stream ended after having been open: try again at once
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.fine(() -> "hub link: " + e);
                link(false);
                sleep(BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)]);
            }
        }
    }

    private void follow() throws IOException {
        InputStream stream = hub.openEvents(lastSeq.get());
        current.set(stream);
        lastByteAt.set(System.currentTimeMillis());
        link(true);
        try (InputStream in = new Touching(stream)) {
            SseReader reader = new SseReader(in);
            SseReader.Message m;
            while (running && (m = reader.next()) != null) {
                if (m.id() >= 0 && m.id() <= lastSeq.get()) {
                    continue; // already handled
                }
                HubEvent e = HubEvent.decode(m.id(), m.event(), m.data());
                listener.onEvent(e);
                if (m.id() >= 0) {
                    lastSeq.set(m.id());
                }
            }
        } finally {
            current.set(null);
        }
        link(false);
    }

    private void link(boolean nowUp) {
        if (up != nowUp) {
            up = nowUp;
            try {
                listener.onLink(nowUp);
            } catch (RuntimeException e) {
                LOG.warning("listener failed on link change: " + e);
            }
        }
    }

    private void cutSilentStream() {
        InputStream s = current.get();
        if (s != null && System.currentTimeMillis() - lastByteAt.get() > SILENCE_LIMIT_MS) {
            try {
                s.close();
            } catch (IOException ignored) {
                // it is being dropped anyway
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        watchdog.shutdownNow();
        InputStream s = current.get();
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        thread.interrupt();
    }

    /** Notes the time of every byte read, for the silence watchdog. */
    private final class Touching extends java.io.FilterInputStream {
        Touching(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastByteAt.set(System.currentTimeMillis());
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastByteAt.set(System.currentTimeMillis());
            return n;
        }
    }
}
