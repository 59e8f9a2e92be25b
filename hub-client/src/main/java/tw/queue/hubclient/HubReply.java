package tw.queue.hubclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * An answer of the hub: its status and JSON body ({@link MissingNode} when empty). Errors carry
 * {@code {"error","message"}}; {@link #error()} gives the code, e.g. {@code call-too-soon}.
 */
public record HubReply(int status, JsonNode body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String error() {
        return body.path("error").asText("");
    }

    public String message() {
        return body.path("message").asText("");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
