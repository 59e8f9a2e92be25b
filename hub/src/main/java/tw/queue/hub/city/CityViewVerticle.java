package tw.queue.hub.city;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import tw.queue.hub.server.ApiError;
import tw.queue.hub.server.WebPages;

/**
 * A city member with no office: follows every office's summary ({@link CityView#follow}) on the Vert.x it is
 * deployed on (clustered, from {@link CityCluster#join}; a plain one in tests, fed on its own bus) and serves the
 * {@code /city} page and {@code GET /api/public/city}, CORS open.
 */
public final class CityViewVerticle extends VerticleBase {
    private final CityView view;
    private final String host;
    private final int port;
    private HttpServer server;

    public CityViewVerticle(CityView view, String host, int port) {
        this.view = view;
        this.host = host;
        this.port = port;
    }

    public int port() {
        return server.actualPort();
    }

    public CityView view() {
        return view;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        WebPages.mountCity(router);
        router.route("/api/public/city").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(rc -> CityApi.answer(rc, view));
        router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "ok")));
        router.route("/").handler(rc -> rc.redirect("/city"));
        router.errorHandler(404, rc -> ApiError.send(rc, 404, "not-found"));
        router.errorHandler(405, rc -> ApiError.send(rc, 405, "method-not-allowed"));
        return view.follow(vertx)
                .compose(v -> vertx.createHttpServer().requestHandler(router).listen(port, host))
                .onSuccess(s -> server = s);
    }
}
