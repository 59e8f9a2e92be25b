package tw.queue.hub.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Requests answered before their body was read: a body over the limit, a missing or wrong token (refused before
 * the body, {@link Access}). The client may still be sending; if the hub closed the connection now, the kernel
 * would answer the unread bytes with a reset, and a client that reads only once it has sent everything (most do)
 * would lose the answer with it. So, as HTTP/1.1 asks of a server that answers early (RFC 9112, 9.6): the answer
 * says {@code Connection: close}, the rest of the body is read and thrown away (up to
 * {@link Limits#drainLimit()} bytes, and within the header timeout, {@link RequestDeadlines}), then the
 * connection is closed, with nothing left unread. A client that sent {@code Expect: 100-continue} was never told
 * to go on and sends no body: its connection is closed once the answer is out.
 *
 * <p>A declared {@code Content-Length} over {@link Limits#bodyLimit()} is refused here, before anything else
 * (the token too): 413 {@code body-too-large}, and no byte of the body is kept. A chunked body's size is known
 * only as it comes: Vert.x's body handler refuses it once past the limit, and it is drained the same way.
 *
 * <p>A head the HTTP decoder refused (a URL or headers over the limits) is answered before the router; Vert.x
 * closes such a connection once the answer has ended, so the answer is sent whole but ended only when the client
 * closes, or after {@link #LINGER_MS} (Netty's decoder throws away whatever else comes meanwhile).
 */
final class UnreadBodies {
    /** Long enough for a client on the LAN to finish sending megabytes, and to read the answer and close. */
    static final long LINGER_MS = 5_000;

    private final long bodyLimit;
    private final long drainLimit;

    UnreadBodies(Limits limits) {
        this.bodyLimit = limits.bodyLimit();
        this.drainLimit = limits.drainLimit();
    }

    /** The router's handler, after the security headers and before the token check. */
    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!declaresBody(request)) {
            rc.next();
            return;
        }
        boolean[] early = new boolean[1];
        rc.addHeadersEndHandler(v -> {
            if (!request.isEnded()) {
                early[0] = true;
                rc.response().headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            }
        });
        rc.addEndHandler(ar -> {
            if (early[0]) {
                finish(request);
            }
        });
        if (declaredLength(request) > bodyLimit) {
            ApiError.send(rc, 413, "body-too-large");
            return;
        }
        rc.next();
    }

    /** Reads the rest of the body away, then closes the connection (at once when no body will come). */
    private void finish(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (request.isEnded() || request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            connection.close();
            return;
        }
        long[] drained = new long[1];
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > drainLimit) {
                // a client sending for ever: it may see a reset, it has been answered long before
                connection.close();
            }
        });
        request.exceptionHandler(e -> connection.close());
        request.endHandler(v -> connection.close());
        request.resume();
    }

    /**
     * A refusal of a request the decoder could not take: the whole answer at once, {@code Connection: close},
     * and the connection kept until the client closes it or {@link #LINGER_MS} have passed.
     */
    static void answerThenClose(HttpServerRequest request, int status, String json) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        Buffer body = Buffer.buffer(json);
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()))
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        response.write(body);
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setTimer(LINGER_MS, id -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static boolean declaresBody(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || declaredLength(request) > 0;
    }

    /** The Content-Length header's value; -1 when there is none (Netty has refused a malformed one already). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
