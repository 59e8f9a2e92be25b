package tw.queue.hub.sim.report;

import java.util.List;

/** Everything one seed produced (already without warm-up). */
public record SeedResult(int seed, List<TicketRecord> tickets, List<CounterRecord> counters) {}
