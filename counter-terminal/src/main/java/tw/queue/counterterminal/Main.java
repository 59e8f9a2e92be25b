package tw.queue.counterterminal;

/**
 * Skeleton of the counter-terminal device agent. Counter agent: hardware call buttons (Pi4J) and the counter's number display.
 * It will follow the hub's event stream (GET /api/events with Last-Event-ID) and act on the hardware.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("counter-terminal agent: not yet built; see counter-terminal/README.md for what comes.");
        System.exit(2);
    }
}
