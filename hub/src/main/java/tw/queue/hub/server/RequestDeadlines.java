package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Closes the connections of clients too slow to send a request (a half-sent head or body held open, the
 * "slowloris" way of using up a server): a request's head must arrive within the header timeout of the
 * connection opening or of the previous answer's end, and its body within the body timeout of its head. An
 * answer being sent (the event stream) is never cut; a connection silent both ways is the idle timeout's.
 * Checked once a second, on the server's event loop.
 */
final class RequestDeadlines {
    private static final long SWEEP_MS = 1_000;

    private final long headerMs;
    private final long bodyMs;
    private final Map<HttpConnection, Waiting> connections = new IdentityHashMap<>();

    /** A connection: since when it waits for a head, or the request it is reading. */
    private static final class Waiting {
        long since;
        HttpServerRequest request;

        Waiting(long since) {
            this.since = since;
        }
    }

    RequestDeadlines(Vertx vertx, Limits limits) {
        this.headerMs = limits.headerTimeout().toMillis();
        this.bodyMs = limits.bodyTimeout().toMillis();
        vertx.setPeriodic(SWEEP_MS, id -> sweep(System.nanoTime() / 1_000_000));
    }

    /** Installs itself on the server, in front of {@code next}. */
    HttpServer guard(HttpServer server, Handler<HttpServerRequest> next) {
        return server.connectionHandler(this::opened).requestHandler(request -> {
            Waiting w = connections.get(request.connection());
            if (w != null) {
                w.request = request;
                w.since = now();
            }
            next.handle(request);
        });
    }

    private void opened(HttpConnection connection) {
        connections.put(connection, new Waiting(now()));
        connection.closeHandler(v -> connections.remove(connection));
    }

    private void sweep(long now) {
        // No copy of the map: with ten thousand followers connected, copying it each second cost more than
        // all the rest of the loop's work. Those to close are closed after the walk (a close may call back).
        List<HttpConnection> late = null;
        for (Iterator<Map.Entry<HttpConnection, Waiting>> it = connections.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<HttpConnection, Waiting> e = it.next();
            Waiting w = e.getValue();
            HttpServerRequest r = w.request;
            if (r != null && r.response().ended()) {
                // answered: the connection now waits for the next request's head
                w.request = null;
                w.since = now;
            } else if (r == null ? now - w.since > headerMs : !r.isEnded() && now - w.since > bodyMs) {
                if (late == null) {
                    late = new ArrayList<>();
                }
                late.add(e.getKey()); // before the remove: an IdentityHashMap entry is void after it
                it.remove();
            }
        }
        if (late != null) {
            late.forEach(HttpConnection::close);
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }
}
