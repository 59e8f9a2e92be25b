package tw.queue.hub.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.domain.TicketStatus;

/**
 * The monthly counter evaluation (每月櫃檯服務績效評比): counters and clerks ranked by visits served, with
 * their mean service time, the mean and p90 wait of their citizens, no-show rate, share within the target
 * and satisfaction. A visit served in under {@link #SUSPICIOUS} (an accidental double press) is counted
 * apart and left out of every mean, share and percentile. Pure: the same tallies give the same figures.
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

    /**
     * @param counters each counter's visits (those whose last call was there), split
     * @param clerks the same per clerk
     */
    public static Report of(String month, Map<String, SplitTally> counters, Map<String, SplitTally> clerks,
                            Duration target) {
        return new Report(month, view(counters, target), view(clerks, target));
    }

    /** Served faster than {@link #SUSPICIOUS}: counted apart (the rollups split visits by this). */
    public static boolean suspicious(String outcome, Long serviceMs) {
        return TicketStatus.SERVED.wire().equals(outcome) && serviceMs != null && serviceMs < SUSPICIOUS.toMillis();
    }

    private static List<Line> view(Map<String, SplitTally> groups, Duration target) {
        Map<String, SplitTally> ordered = new TreeMap<>(HistorySummary::naturalOrder);
        ordered.putAll(groups);
        List<Line> lines = new ArrayList<>();
        ordered.forEach((k, g) -> lines.add(line(k, g, target)));
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

    private static Line line(String key, SplitTally g, Duration target) {
        VisitTally c = g.counted();
        int handled = c.count() + g.suspicious().count();
        int noShows = c.noShows() + g.suspicious().noShows();
        int rated = c.satisfied() + c.neutral() + c.dissatisfied();
        return new Line(0, key, handled, c.served(), g.suspicious().count(), noShows,
                handled == 0 ? null : noShows / (double) handled,
                c.serviceMeanSeconds(), c.waitMeanSeconds(), c.waitPercentileSeconds(0.9),
                c.withinTarget(target.toMillis()),
                rated, c.satisfied(), c.neutral(), c.dissatisfied(), rated == 0 ? null : c.satisfied() / (double) rated);
    }
}
