package tw.queue.hub.server;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.queue.domain.Rejection;

/** Every error leaves through here, as {@code {"error": code, "message": text}} in the caller's language. */
public final class ApiError {
    private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

    private ApiError() {
    }

    public static void send(RoutingContext rc, int status, String code, Object... args) {
        send(rc.request(), status, code, args);
    }

    /** The same, straight on the request (for what never reaches the router: a request the decoder refused). */
    static void send(HttpServerRequest request, int status, String code, Object... args) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json(request, code, args));
    }

    /** 429 with Retry-After (whole seconds, rounded up): the caller must wait {@code wait} before trying again. */
    static void tooMany(RoutingContext rc, String code, java.time.Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        rc.response().putHeader("Retry-After", Long.toString(seconds));
        send(rc, 429, code, seconds);
    }

    /**
     * A request the HTTP decoder could not take (a request line or headers over the limits, a malformed head):
     * the JSON error with the security headers; the connection is closed a little later, so a body still coming
     * does not turn the answer into a reset ({@link UnreadBodies#answerThenClose}).
     */
    static void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        SecurityHeaders.apply(request.response().headers());
        if (cause instanceof TooLongHttpLineException) {
            UnreadBodies.answerThenClose(request, 414, json(request, "uri-too-long"));
        } else if (cause instanceof TooLongHttpHeaderException) {
            UnreadBodies.answerThenClose(request, 431, json(request, "headers-too-large"));
        } else {
            UnreadBodies.answerThenClose(request, 400, json(request, "malformed-request"));
        }
    }

    private static String json(HttpServerRequest request, String code, Object... args) {
        Locale locale = Texts.fromAcceptLanguage(request.getHeader("Accept-Language"));
        return new JsonObject().put("error", code).put("message", Texts.get(locale, code, args)).encode();
    }

    public static void rejected(RoutingContext rc, Rejection r) {
        int status = switch (r.kind()) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
        };
        send(rc, status, r.code(), r.args().toArray());
    }

    /** The failure handler: validation errors, unknown paths, oversized bodies and anything unexpected. */
    public static void failure(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (rc.response().closed()) {
            // the client went away (or was cut off for sending too slowly): no one to answer
            return;
        }
        if (failure instanceof Rejection r) {
            rejected(rc, r);
            return;
        }
        if (failure instanceof QueueWriter.StoreUnavailable) {
            send(rc, 503, "store-unavailable");
            return;
        }
        if (failure instanceof java.util.concurrent.RejectedExecutionException) {
            // a request that came in as the hub stopped, after its pool had closed: nothing was done
            send(rc, 503, "hub-stopping");
            return;
        }
        Throwable cause = failure instanceof HttpException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ValidatorException v) {
            switch (v.type()) {
                case ILLEGAL_VALUE -> send(rc, 400, "malformed-json");
                case UNSUPPORTED_VALUE_FORMAT -> send(rc, 415, "unsupported-media-type");
                // the same type for a missing body and a missing parameter; only the message tells them apart
                case MISSING_REQUIRED_PARAMETER -> {
                    if (String.valueOf(v.getMessage()).contains("parameter")) {
                        send(rc, 400, "missing-parameter", v.getMessage());
                    } else {
                        send(rc, 400, "missing-body");
                    }
                }
                default -> send(rc, 400, "invalid-request", describe(v));
            }
            return;
        }
        int status = rc.statusCode();
        if (failure instanceof HttpException h) {
            status = h.getStatusCode();
        }
        switch (status) {
            case 400 -> send(rc, 400, "invalid-request", failure == null ? "" : String.valueOf(failure.getMessage()));
            case 401 -> send(rc, 401, "unauthenticated");
            case 403 -> send(rc, 403, "role-forbidden");
            case 404 -> send(rc, 404, "not-found");
            case 405 -> send(rc, 405, "method-not-allowed");
            case 413 -> send(rc, 413, "body-too-large");
            case 415 -> send(rc, 415, "unsupported-media-type");
            default -> {
                LOG.error("unexpected failure on {} {}", rc.request().method(), rc.request().path(), failure);
                send(rc, 500, "internal-error");
            }
        }
    }

    /** The most useful schema error: the deepest keyword that is not a mere properties wrapper. */
    private static String describe(ValidatorException v) {
        if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            List<OutputUnit> errors = s.getOutputUnit().getErrors();
            if (errors != null && !errors.isEmpty()) {
                return errors.stream()
                        .filter(e -> e.getKeywordLocation() == null
                                || !(e.getKeywordLocation().endsWith("/properties")
                                || e.getKeywordLocation().endsWith("/additionalProperties")))
                        .max(Comparator.comparingInt(e -> depth(e.getKeywordLocation())))
                        .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty()
                                ? "" : e.getInstanceLocation() + ": ") + e.getError())
                        .orElse(v.getMessage());
            }
        }
        return v.getMessage();
    }

    private static int depth(String location) {
        return location == null ? 0 : location.split("/").length;
    }
}
