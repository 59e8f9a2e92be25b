package tw.queue.displayboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import tw.queue.displayboard.board.BoardView;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubReply;
import tw.queue.hubclient.HubUnreachable;
import tw.queue.hubclient.Background;

/**
 * Sends the virtual board's picture to the hub ({@code POST /api/devices/{id}/preview}, the PNG in base64) so the
 * manager sees what the board shows: within half a second of a change, and every 10 s while it scrolls.
 */
public final class PreviewUploader implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PreviewUploader.class.getName());
    private static final long CHECK_MILLIS = 500;
    private static final long REFRESH_MILLIS = 10_000;

    private final HubClient hub;
    private final String deviceId;
    private final VirtualBoard board;
    private final ScheduledExecutorService executor = Background.scheduler("board-preview");
    private BoardView sent;
    private long sentAt;
    private volatile HubReply lastReply;

    public PreviewUploader(HubClient hub, String deviceId, VirtualBoard board) {
        this.hub = hub;
        this.deviceId = deviceId;
        this.board = board;
    }

    public PreviewUploader start() {
        executor.scheduleWithFixedDelay(this::maybeSend, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The hub's answer to the last upload, or null. */
    public HubReply lastReply() {
        return lastReply;
    }

    private void maybeSend() {
        BoardView now = board.view();
        long t = System.currentTimeMillis();
        if (now.equals(sent) && t - sentAt < REFRESH_MILLIS) {
            return;
        }
        try {
            String png = Base64.getEncoder().encodeToString(board.pngNow());
            HubReply r = hub.post("api/devices/" + deviceId + "/preview",
                    JsonNodeFactory.instance.objectNode().put("png", png));
            lastReply = r;
            if (r.ok() || r.status() == 404) { // 404: a hub without previews; ask again later
                sent = now;
                sentAt = t;
            } else {
                LOG.warning("board preview refused: " + r);
            }
        } catch (HubUnreachable e) {
            LOG.fine(() -> "board preview not sent: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warning("board preview not made: " + e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
