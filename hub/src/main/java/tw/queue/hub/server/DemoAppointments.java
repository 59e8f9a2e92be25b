package tw.queue.hub.server;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tw.queue.domain.Command;

/** Demo mode's online bookings: codes DEMO1..DEMO5, due 0, 10, 20, 30 and 40 minutes after the hub starts. */
final class DemoAppointments {
    private static final List<String> SERVICES = List.of("registration", "passport", "transcript", "id-card", "seal");

    private DemoAppointments() {
    }

    static List<Command.Booking> at(Instant start) {
        return java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToObj(i -> new Command.Booking("DEMO" + i, SERVICES.get(i - 1),
                        start.plus(Duration.ofMinutes(10L * (i - 1)))))
                .toList();
    }
}
