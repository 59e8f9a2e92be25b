package tw.queue.hub.server;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tw.queue.hub.auth.Role;

/**
 * What each LED board shows now, as its agent draws it (the virtual board's PNG): the board uploads it, the
 * manager sees it on /manager. Kept in memory only; agents send it again within seconds of a hub restart.
 */
final class BoardPreviewRoutes {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private final Map<String, byte[]> previews = new ConcurrentHashMap<>();

    void register(Map<String, Handler<RoutingContext>> handlers) {
        handlers.put("uploadBoardPreview", this::upload);
        handlers.put("boardPreview", this::preview);
    }

    private void upload(RoutingContext rc) {
        Access.ownDevice(rc, Role.BOARD).ifPresent(p -> {
            String id = p.name();
            byte[] png;
            try {
                png = Base64.getDecoder().decode(rc.body().asJsonObject().getString("png"));
            } catch (IllegalArgumentException e) {
                png = new byte[0];
            }
            if (png.length < PNG_SIGNATURE.length || !java.util.Arrays.equals(png, 0, PNG_SIGNATURE.length,
                    PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
                ApiError.send(rc, 400, "not-png");
                return;
            }
            previews.put(id, png);
            rc.response().setStatusCode(204).end();
        });
    }

    private void preview(RoutingContext rc) {
        Access.require(rc, Role.MANAGER).ifPresent(p -> {
            byte[] png = previews.get(rc.pathParam("id"));
            if (png == null) {
                ApiError.send(rc, 404, "no-preview");
                return;
            }
            rc.response().putHeader("Content-Type", "image/png").putHeader("Cache-Control", "no-store")
                    .end(io.vertx.core.buffer.Buffer.buffer(png));
        });
    }
}
