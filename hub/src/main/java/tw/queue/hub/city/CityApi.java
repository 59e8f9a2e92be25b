package tw.queue.hub.city;

import io.vertx.ext.web.RoutingContext;
import tw.queue.hub.server.ApiError;

/**
 * {@code GET /api/public/city} (and HEAD), on the city member and on an office hub that joined the city: the
 * city's open-data feed, JSON by default, CSV with {@code ?format=csv} or {@code Accept: text/csv}. CORS is
 * opened by whoever mounts it, as for every {@code /api/public/} path.
 */
public final class CityApi {
    private CityApi() {
    }

    /** Answers from {@code view}; 404 {@code no-city} when this hub has none, 400 for a format other than json or csv. */
    public static void answer(RoutingContext rc, CityView view) {
        if (view == null) {
            ApiError.send(rc, 404, "no-city");
            return;
        }
        String format = rc.queryParams().get("format");
        if (format == null) {
            String accept = String.join(",", rc.request().headers().getAll("Accept"));
            format = accept.contains("text/csv") ? "csv" : "json";
        }
        if (!format.equals("json") && !format.equals("csv")) {
            ApiError.send(rc, 400, "invalid-request", "format is json or csv");
            return;
        }
        long now = System.currentTimeMillis();
        boolean csv = format.equals("csv");
        rc.response().putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
                .end(csv ? view.csvText(now) : view.jsonText(now));
    }
}
