package tw.queue.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A busy morning at the Xitun sample office under the hub's policy: citizens keep coming (quick and long
 * errands, priority classes, online appointments), clerks call as soon as they are free. After every command
 * the test reads every waiting ticket's "ahead" as the hub answers it: it may go up only when someone with a
 * real claim came in since the last look (a priority class, an appointment checking in or coming due), and
 * then the answer says why.
 */
@org.junit.jupiter.api.Tag("slow")
class AheadOverAMorningTest {
    /** Citizens per hour, 09:00-11:00, a little above the Monday's second hour. */
    private static final Map<String, Double> RATES = Map.of("transcript", 75.0, "registration", 30.0,
            "id-card", 14.0, "seal", 12.0, "passport", 11.0, "cdc", 8.0, "house-number", 5.0,
            "nationality", 5.0, "turning", 1.5);
    private static final int[] OPEN = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 22, 23, 25};

    private record Step(double at, long order, Runnable action) {
    }

    @Test
    void aWaitingTicketsAheadNeverGrowsUnlessSomeoneWithARealClaimArrives() {
        SmallOffice o = SmallOffice.hubDefaultOnSample();
        SplittableRandom rng = new SplittableRandom(20261123);
        Instant start = o.clock.instant();
        PriorityQueue<Step> steps = new PriorityQueue<>((a, b) -> a.at() != b.at()
                ? Double.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
        long[] order = {0};
        TreeSet<Double> claims = new TreeSet<>();
        Map<String, Integer> lastAhead = new HashMap<>();
        List<String> unexplained = new ArrayList<>();
        int[] rises = {0};
        int[] looks = {0};
        double end = 2 * 3600;

        for (int c : OPEN) {
            o.open(c);
        }
        // Arrivals: Poisson per service; 8% priority classes; 15% online appointments booked at their arrival
        // time and checking in 0-15 minutes early.
        List<Command.Booking> bookings = new ArrayList<>();
        int[] n = {0};
        for (var e : RATES.entrySet()) {
            double t = 0;
            while (true) {
                t += -Math.log(1 - rng.nextDouble()) * 3600 / e.getValue();
                if (t >= end) {
                    break;
                }
                double at = t;
                double u = rng.nextDouble();
                String id = "m" + (++n[0]);
                if (u < 0.15) {
                    String code = "B" + id;
                    bookings.add(new Command.Booking(code, e.getKey(), start.plusMillis(Math.round(at * 1000))));
                    double checkIn = Math.max(0, at - rng.nextDouble() * 900);
                    claims.add(at);
                    steps.add(new Step(checkIn, order[0]++, () -> {
                        claims.add(o.clock.seconds() - 0.0);
                        o.run(new Command.CheckIn(id, code, Channel.KIOSK, null));
                    }));
                } else {
                    Priority p = u < 0.23 ? Priority.ELDERLY : Priority.NONE;
                    steps.add(new Step(at, order[0]++, () -> {
                        if (p != Priority.NONE) {
                            claims.add(o.clock.seconds() - 0.0);
                        }
                        o.run(new Command.IssueTicket(id, e.getKey(), p, Channel.KIOSK, null));
                    }));
                }
            }
        }
        o.run(new Command.BookAppointments(bookings));
        // Each counter: when free, call; service takes about its expected time (exponential).
        Map<Integer, Boolean> busy = new HashMap<>();
        Runnable[] callIdle = new Runnable[1];
        callIdle[0] = () -> {
            for (int c : OPEN) {
                if (busy.getOrDefault(c, false)) {
                    continue;
                }
                Actor clerk = new Actor(Actor.Kind.CLERK, "clerk" + c);
                String called = o.run(new Command.CallNext(c, clerk)).ticketId().orElse(null);
                if (called != null) {
                    busy.put(c, true);
                    double minutes = o.office.service(o.state.ticket(called).orElseThrow().service())
                            .orElseThrow().expectedMinutes();
                    double took = -Math.log(1 - rng.nextDouble()) * minutes * 60;
                    int counter = c;
                    steps.add(new Step(o.clock.seconds() - 0.0 + took, order[0]++, () -> {
                        o.run(new Command.Finish(counter, clerk));
                        busy.put(counter, false);
                    }));
                }
            }
        };
        double lastLook = 0;
        while (!steps.isEmpty() && steps.peek().at() < end) {
            Step s = steps.poll();
            o.clock.setSeconds(s.at());
            s.action().run();
            callIdle[0].run();
            double now = o.clock.seconds();
            boolean claimed = !claims.subSet(lastLook, false, now, true).isEmpty();
            for (Ticket t : o.state.waiting()) {
                WaitEstimate e = o.estimator.estimate(o.state, t, o.clock.instant());
                looks[0]++;
                Integer before = lastAhead.put(t.id(), e.ahead());
                if (before != null && e.ahead() > before) {
                    rises[0]++;
                    if (!claimed || e.aheadChangedBecause() == null) {
                        unexplained.add(String.format("%s %s at %.0f s: %d -> %d (%s)", t.service(), t.priority(),
                                now, before, e.ahead(), e.aheadChangedBecause()));
                    }
                }
            }
            lastLook = now;
        }
        assertThat(looks[0]).as("a busy morning: many waiting tickets looked at").isGreaterThan(5_000);
        assertThat(rises[0]).as("someone with a claim did go ahead of waiting tickets").isPositive();
        assertThat(unexplained).as("rises of ahead without a real claim (of %d rises)", rises[0]).isEmpty();
    }
}
