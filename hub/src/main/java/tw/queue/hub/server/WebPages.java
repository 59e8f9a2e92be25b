package tw.queue.hub.server;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/** The web clients the hub serves: kiosk, board, counter, volunteer, manager and a ticket's phone page. */
final class WebPages {
    private WebPages() {
    }

    static void mount(Router router) {
        router.route("/static/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }
}
