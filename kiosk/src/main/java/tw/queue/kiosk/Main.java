package tw.queue.kiosk;

/**
 * Skeleton of the kiosk device agent. Ticket-dispenser agent: Pi4J push buttons and an ESC/POS thermal printer over jSerialComm.
 * It will follow the hub's event stream (GET /api/events with Last-Event-ID) and act on the hardware.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("kiosk agent: not yet built; see kiosk/README.md for what comes.");
        System.exit(2);
    }
}
