package tw.queue.hub.store;

import tw.queue.domain.Event;

/** An event with its place in the log. */
public record LoggedEvent(long seq, Event event) {
}
