package tw.queue.hub.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tw.queue.domain.Event;
import tw.queue.domain.TicketStatus;
import tw.queue.hub.store.VisitQueries.CounterVisit;

/**
 * The monthly counter evaluation (每月櫃檯服務績效評比): counters and clerks ranked by visits served, with
 * their mean service time, the mean and p90 wait of their citizens, no-show rate, share within the target
 * and satisfaction. A visit served in under {@link #SUSPICIOUS} (an accidental double press) is counted
 * apart and left out of every mean, share and percentile. Pure: the same visits give the same figures.
 */
public final class MonthlyEvaluation {
    /** Served faster than this is taken for a slip of the finger, not a visit. */
    public static final Duration SUSPICIOUS = Duration.ofSeconds(30);

    private MonthlyEvaluation() {
    }

    /**
     * One counter's or clerk's month. {@code handled}: visits whose last call was theirs (suspicious ones
     * too); {@code served} excludes the suspicious; {@code noShowRate} is no-shows over handled; waits,
     * service and shares are over the handled visits that are not suspicious; {@code satisfiedShare} is
     * satisfied over rated.
     */
    public record Line(int rank, String key, int handled, int served, int suspicious, int noShows,
                       Double noShowRate, Double serviceMean, Double waitMean, Double waitP90,
                       Double withinTarget, int rated, int satisfied, int neutral, int dissatisfied,
                       Double satisfiedShare) {
    }

    public record Report(String month, List<Line> counters, List<Line> clerks) {
    }

    public static Report of(String month, List<CounterVisit> visits, Duration target) {
        return new Report(month, view(visits, v -> String.valueOf(v.counter()), target),
                view(visits, CounterVisit::clerk, target));
    }

    public static boolean suspicious(CounterVisit v) {
        return TicketStatus.SERVED.wire().equals(v.outcome()) && v.serviceMs() != null
                && v.serviceMs() < SUSPICIOUS.toMillis();
    }

    private static List<Line> view(List<CounterVisit> visits, Function<CounterVisit, String> key, Duration target) {
        Map<String, List<CounterVisit>> groups = new TreeMap<>(HistorySummary::naturalOrder);
        for (CounterVisit v : visits) {
            String k = key.apply(v);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        List<Line> lines = new ArrayList<>();
        groups.forEach((k, vs) -> lines.add(line(k, vs, target)));
        lines.sort(Comparator.comparingInt(Line::served).reversed());
        List<Line> ranked = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            // Equal served counts share a rank (1, 2, 2, 4).
            int rank = i > 0 && lines.get(i - 1).served() == l.served() ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Line(rank, l.key(), l.handled(), l.served(), l.suspicious(), l.noShows(),
                    l.noShowRate(), l.serviceMean(), l.waitMean(), l.waitP90(), l.withinTarget(), l.rated(),
                    l.satisfied(), l.neutral(), l.dissatisfied(), l.satisfiedShare()));
        }
        return ranked;
    }

    private static Line line(String key, List<CounterVisit> visits, Duration target) {
        int suspicious = 0;
        int served = 0;
        int noShows = 0;
        double serviceSum = 0;
        int[] ratings = new int[3];
        double[] waits = new double[visits.size()];
        int nWaits = 0;
        int within = 0;
        for (CounterVisit v : visits) {
            if (TicketStatus.NO_SHOW.wire().equals(v.outcome())) {
                noShows++;
            }
            if (suspicious(v)) {
                suspicious++;
                continue;
            }
            if (TicketStatus.SERVED.wire().equals(v.outcome()) && v.serviceMs() != null) {
                served++;
                serviceSum += v.serviceMs() / 1000.0;
            }
            if (v.waitMs() != null) {
                waits[nWaits++] = v.waitMs() / 1000.0;
                if (v.waitMs() <= target.toMillis()) {
                    within++;
                }
            }
            int r = v.rating() == null ? -1 : Event.TicketRated.RATINGS.indexOf(v.rating());
            if (r >= 0) {
                ratings[r]++;
            }
        }
        double[] sorted = Arrays.copyOf(waits, nWaits);
        Arrays.sort(sorted);
        int rated = ratings[0] + ratings[1] + ratings[2];
        return new Line(0, key, visits.size(), served, suspicious, noShows,
                visits.isEmpty() ? null : noShows / (double) visits.size(),
                served == 0 ? null : serviceSum / served,
                nWaits == 0 ? null : Arrays.stream(sorted).average().orElseThrow(),
                HistorySummary.percentile(sorted, 0.9),
                nWaits == 0 ? null : within / (double) nWaits,
                rated, ratings[0], ratings[1], ratings[2], rated == 0 ? null : ratings[0] / (double) rated);
    }
}
