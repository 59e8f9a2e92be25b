package tw.queue.hub.sim.report;

/** One counter's day. All durations in seconds. */
public record CounterRecord(int seed, int counter, double openSeconds, double busySeconds, double idleWhileEligibleSeconds) {}
