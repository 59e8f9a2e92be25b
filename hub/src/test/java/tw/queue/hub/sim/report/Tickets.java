package tw.queue.hub.sim.report;

import java.util.ArrayList;
import java.util.List;

/** Small builders of hand-made simulator output. */
final class Tickets {
    private static int next;

    private Tickets() {}

    /** A called ticket (outcome served) with the given wait in seconds and no estimates. */
    static TicketRecord called(int seed, String service, double waitSeconds) {
        return estimated(seed, service, waitSeconds, null, null);
    }

    /** A called ticket (outcome served) with estimates (seconds, may be null). */
    static TicketRecord estimated(int seed, String service, Double waitSeconds, Double estimate, Double naive) {
        double issued = 100;
        Double called = waitSeconds == null ? null : issued + waitSeconds;
        Double finished = called == null ? null : called + 300;
        return new TicketRecord(seed, service + (next++), service, "none", issued, called, finished,
                waitSeconds == null ? "not-served" : "served", 3, 2, estimate, naive, waitSeconds);
    }

    /** A ticket that was never called, with the given outcome. */
    static TicketRecord uncalled(int seed, String service, String outcome) {
        return new TicketRecord(seed, service + (next++), service, "none", 50, null, null, outcome, 5, 2,
                600.0, 300.0, null);
    }

    /** Called tickets with these waits (seconds). */
    static List<TicketRecord> waits(int seed, String service, double... waitSeconds) {
        List<TicketRecord> out = new ArrayList<>();
        for (double w : waitSeconds) {
            out.add(called(seed, service, w));
        }
        return out;
    }

    static SeedResult seed(int seed, List<TicketRecord> tickets) {
        return new SeedResult(seed, tickets, List.of());
    }

    static SeedResult seed(int seed, List<TicketRecord> tickets, List<CounterRecord> counters) {
        return new SeedResult(seed, tickets, counters);
    }
}
