package tw.queue.hubclient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads Server-Sent Events (the WHATWG event-stream format): {@code id:}, {@code event:}, {@code data:} lines
 * up to a blank line make one message; lines starting with {@code :} are comments (keep-alives).
 */
final class SseReader {
    /** One message as sent; {@code id} is -1 when the message had none. */
    record Message(long id, String event, String data) {
    }

    private final BufferedReader in;

    SseReader(InputStream stream) {
        this.in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The next message with data, or null at the end of the stream. */
    Message next() throws IOException {
        long id = -1;
        String event = "message";
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Message(id, event, data.toString());
                }
                id = -1;
                event = "message";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> {
                    try {
                        id = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        id = -1;
                    }
                }
                case "event" -> event = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> { } // retry: and unknown fields
            }
        }
        return null;
    }
}
