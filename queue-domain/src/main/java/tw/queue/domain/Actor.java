package tw.queue.domain;

/**
 * Who asks for a command, as far as the queue cares: staff act in their own name, a counter panel acts
 * for the clerk signed in at its counter.
 */
public record Actor(Kind kind, String name) {

    public enum Kind { CLERK, VOLUNTEER, MANAGER, KIOSK, BOARD, PANEL, SYSTEM }

    public static Actor system() {
        return new Actor(Kind.SYSTEM, "system");
    }
}
