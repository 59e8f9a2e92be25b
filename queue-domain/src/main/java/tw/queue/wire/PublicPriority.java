package tw.queue.wire;

import tw.queue.domain.Priority;
import tw.queue.domain.Wire;
import tw.queue.domain.WireNamed;

/**
 * A number's priority as the public sees it (the event stream, a ticket's page, the lobby's kiosk screen):
 * whether it has one, never which class. A disability or a pregnancy is the citizen's own business; a board
 * needs at most "priority". The staff's views carry the {@link Priority} class itself.
 */
public enum PublicPriority implements WireNamed {
    @Wire("none") NONE,
    @Wire("priority") PRIORITY;

    public static PublicPriority of(Priority p) {
        return p == null || !p.isPriority() ? NONE : PRIORITY;
    }
}
