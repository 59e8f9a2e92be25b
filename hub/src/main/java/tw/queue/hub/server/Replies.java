package tw.queue.hub.server;

import io.vertx.core.AsyncResult;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** Successful answers leave through here (errors through {@link ApiError}). */
final class Replies {
    private Replies() {
    }

    static void json(RoutingContext rc, int status, JsonObject body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    static void json(RoutingContext rc, int status, io.vertx.core.json.JsonArray body) {
        rc.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    /** Answers a command's outcome: the body made from its result, or the failure through the failure handler. */
    static <T> void after(RoutingContext rc, AsyncResult<T> ar, int status, Function<T, JsonObject> body) {
        if (ar.failed()) {
            rc.fail(ar.cause());
        } else {
            json(rc, status, body.apply(ar.result()));
        }
    }
}
