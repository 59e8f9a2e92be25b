package tw.queue.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.config.ServiceDef;
import tw.queue.domain.Actor;
import tw.queue.domain.Channel;
import tw.queue.domain.Command;
import tw.queue.domain.Event;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Priority;
import tw.queue.domain.QueueEngine;
import tw.queue.domain.Ticket;
import tw.queue.hub.server.HubSettings;
import tw.queue.time.ManualClock;

/**
 * The writer's own CPU per command, in process and on this thread's CPU clock (so the machine's load does not
 * inflate it): the Xitun office, {@code open} counters open, a lobby of some 200 waiting, then rounds of
 * the benchmark's traffic (a number issued, a counter finishing and calling the next), each command run as the
 * writer runs it (a tick, the command, its events applied to the committed state too) plus the estimate its
 * answer carries. With the staffing hint (the hub's default, target 15 minutes) and without it, to show its part.
 * Part of {@link HubLoadBenchmark}'s output; runs alone with its main.
 */
final class EngineCpuBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private EngineCpuBenchmark() {
    }

    public static void main(String[] args) {
        rows().forEach(System.out::println);
    }

    static List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int open : new int[] {25, 12}) {
            for (boolean hint : new boolean[] {true, false}) {
                rows.add(run(open, hint, 2_000));
            }
        }
        return rows;
    }

    private static String run(int open, boolean hint, int rounds) {
        OfficeConfig office = OfficeConfigLoader.loadBundledSample();
        HubSettings settings = HubSettings.of(office, null, "127.0.0.1", 0, true);
        // moved by the benchmark between commands, so the double-press guards never refuse
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T01:00:00Z"));
        QueueEngine engine = new QueueEngine(office, settings.policy(), settings.estimator(), clock, false,
                hint ? settings.targetWait() : null);
        OfficeState working = new OfficeState(office);
        OfficeState committed = new OfficeState(office);
        List<ServiceDef> services = office.services().stream().filter(s -> !s.id().equals("cdc")).toList();
        List<Integer> counters = office.counters().stream().map(c -> c.number()).limit(open).toList();
        long[] cpu = new long[3];
        long[] count = new long[3];
        int[] serial = {0};
        exec(engine, working, committed, new Command.OpenDay());
        for (int c : counters) {
            exec(engine, working, committed, new Command.OpenCounter(c, new Actor(Actor.Kind.CLERK, "clerk" + c), null));
        }
        for (int i = 0; i < 200; i++) {
            issue(engine, working, committed, services, serial, clock, null, null);
        }
        for (int pass = 0; pass < 2; pass++) {
            // the first pass warms the JIT up; the second is measured
            java.util.Arrays.fill(cpu, 0);
            java.util.Arrays.fill(count, 0);
            for (int r = 0; r < rounds; r++) {
                issue(engine, working, committed, services, serial, clock, cpu, count);
                int c = counters.get(r % counters.size());
                Actor clerk = new Actor(Actor.Kind.CLERK, "clerk" + c);
                if (working.currentAt(c).isPresent()) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    exec(engine, working, committed, new Command.Finish(c, clerk));
                    cpu[1] += CPU.getCurrentThreadCpuTime() - t0;
                    count[1]++;
                }
                clock.advance(Duration.ofSeconds(1));
                long t0 = CPU.getCurrentThreadCpuTime();
                QueueEngine.Result called = exec(engine, working, committed, new Command.CallNext(c, clerk));
                called.ticketId().flatMap(committed::ticket)
                        .ifPresent(t -> settings.estimator().estimate(committed, t, clock.instant()));
                cpu[2] += CPU.getCurrentThreadCpuTime() - t0;
                count[2]++;
                clock.advance(Duration.ofSeconds(1));
            }
        }
        return String.format(Locale.ROOT,
                "%2d of %d counters open, staffing hint %-3s: %3d waiting at end | issue %6.1f µs | finish %6.1f µs"
                        + " | call-next %6.1f µs | per command %6.1f µs",
                open, office.counters().size(), hint ? "on" : "off", working.waiting().size(),
                cpu[0] / 1e3 / Math.max(1, count[0]), cpu[1] / 1e3 / Math.max(1, count[1]),
                cpu[2] / 1e3 / Math.max(1, count[2]),
                (cpu[0] + cpu[1] + cpu[2]) / 1e3 / Math.max(1, count[0] + count[1] + count[2]));
    }

    /** A number for the next service in turn, and the estimate its answer carries; timed when {@code cpu} is given. */
    private static void issue(QueueEngine engine, OfficeState working, OfficeState committed, List<ServiceDef> services,
                              int[] serial, ManualClock clock, long[] cpu, long[] count) {
        tw.queue.domain.WaitEstimator estimator = engine.estimator();
        ServiceDef s = services.get(serial[0] % services.size());
        String id = "t" + serial[0]++;
        long t0 = CPU.getCurrentThreadCpuTime();
        try {
            exec(engine, working, committed, new Command.IssueTicket(id, s.id(), Priority.NONE, Channel.KIOSK, null));
            Ticket t = committed.ticket(id).orElseThrow();
            // what the answer tells (ahead, estimate): ApiShapes.ticket's estimate
            estimator.estimate(committed, t, clock.instant());
        } catch (tw.queue.domain.Rejection numbersExhausted) {
            // a service out of numbers is skipped (the hub answers 409 and the kiosk moves on)
        }
        if (cpu != null) {
            cpu[0] += CPU.getCurrentThreadCpuTime() - t0;
            count[0]++;
        }
        clock.advance(Duration.ofMillis(200));
    }

    /** As the writer: a tick, the command on the working state, the events applied to the committed state. */
    private static QueueEngine.Result exec(QueueEngine engine, OfficeState working, OfficeState committed,
                                           Command command) {
        List<Event> events = new ArrayList<>(engine.execute(working, new Command.Tick()).events());
        QueueEngine.Result r = engine.execute(working, command);
        events.addAll(r.events());
        events.forEach(committed::apply);
        return r;
    }
}
