package tw.queue.hubclient;

import java.io.IOException;

/** The hub did not answer (refused, timed out, cut off): the agent prints nothing, blinks, and tries again later. */
public final class HubUnreachable extends IOException {
    public HubUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
