package tw.queue.hub.server;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser-security headers every answer carries, whatever its path (pages, {@code /static} files, the API,
 * errors, even a request the HTTP decoder refused): set here and nowhere else, by a handler that runs before
 * every other one on the router, and by the server's invalid-request handler.
 */
final class SecurityHeaders {
    /**
     * No inline script, no eval, nothing from elsewhere, never framed (kiosk and board included). Styles
     * allow {@code 'unsafe-inline'}: the chart library (ECharts) writes style attributes into its tooltips
     * and labels; inline styles cannot run code, the script policy is what stops injection.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            // data: for the empty favicon, blob: for the board previews the manager page fetches with its token
            "img-src 'self' data: blob:",
            "media-src 'self'",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    static void handle(RoutingContext rc) {
        apply(rc.response().headers());
        rc.next();
    }

    static void apply(MultiMap headers) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
    }
}
