package tw.queue.hub.server;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Follows /api/events (or another event stream of the hub) like a board would, parsing each message; {@link #close()} drops the connection. */
final class SseReader implements AutoCloseable {
    record Message(long id, String event, JsonObject data) {
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    SseReader(String base, Long lastEventId) throws IOException, InterruptedException {
        this(URI.create(base + "/api/events"), lastEventId);
    }

    /** Follows another stream: {@code /api/events?counters=...}, {@code /api/tickets/{id}/events}. */
    SseReader(URI stream, Long lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(stream);
        if (lastEventId != null) {
            b.header("Last-Event-ID", String.valueOf(lastEventId));
        }
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(b.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException("event stream answered " + r.statusCode());
        }
        body = r.body();
        reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id >= 0 && event != null) {
                        messages.add(new Message(id, event, new JsonObject(data.toString())));
                    }
                    id = -1;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (IOException ignored) {
            // the connection was dropped on purpose, or the hub went away
        }
    }

    /** The next message, waiting up to the timeout; null when none came. */
    /** The next message of the given type within 50 messages (the demo's start-up bookings may still be arriving). */
    Message next(String type) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Message m = next(Duration.ofSeconds(10));
            if (m == null || m.event().equals(type)) {
                return m;
            }
        }
        return null;
    }

    Message next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Messages until one has the given id (inclusive), failing when the wait runs out. */
    List<Message> until(long id, Duration timeout) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no event " + id + " within " + timeout + "; got " + out.size() + " messages: "
                        + out.stream().map(Message::id).toList());
            }
            out.add(m);
            if (m.id() >= id) {
                return out;
            }
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
