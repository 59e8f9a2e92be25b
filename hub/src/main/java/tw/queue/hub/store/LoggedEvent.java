package tw.queue.hub.store;

import tw.queue.hub.domain.Event;

/** An event with its place in the log. */
public record LoggedEvent(long seq, Event event) {
}
