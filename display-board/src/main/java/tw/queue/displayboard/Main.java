package tw.queue.displayboard;

/**
 * Skeleton of the display-board device agent. Display agent: LED scrolling-text boards and counter number displays over serial.
 * It will follow the hub's event stream (GET /api/events with Last-Event-ID) and act on the hardware.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("display-board agent: not yet built; see display-board/README.md for what comes.");
        System.exit(2);
    }
}
