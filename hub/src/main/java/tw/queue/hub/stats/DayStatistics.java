package tw.queue.hub.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.domain.Event;
import tw.queue.domain.TicketStatus;

/**
 * Wait and service-time figures of one office day, from its events: per service, overall, and per clerk
 * (what the monthly counter evaluation needs); the help bell's time to acknowledge; the day's ratings. Pure: the same events always give the same figures.
 */
public final class DayStatistics {
    private static final double WITHIN_SECONDS = Duration.ofMinutes(15).toSeconds();

    private DayStatistics() {
    }

    /**
     * @param waits seconds from issue to first call, of the tickets that were called
     * @param within15 the share of those called within 15 minutes, or null when none was called
     */
    public record Figures(String key, int issued, int served, int noShow, int cancelled, int notServed,
                          Double meanWaitSeconds, Double p50WaitSeconds, Double p90WaitSeconds,
                          Double maxWaitSeconds, Double within15, Double meanServiceSeconds) {
    }

    public record ClerkFigures(String clerk, int called, int served, int noShow, int transferred,
                               Double meanServiceSeconds) {
    }

    /** The help bell: how many alerts, how many taken on, and how long that took (seconds). */
    public record AlertFigures(int raised, int acknowledged, Double meanSecondsToAcknowledge,
                               Long maxSecondsToAcknowledge) {
    }

    /** Satisfaction: how many visits were rated each way. */
    public record RatingFigures(int satisfied, int neutral, int dissatisfied) {
    }

    public record Summary(String day, List<Figures> services, Figures overall, List<ClerkFigures> clerks,
                          AlertFigures alerts, RatingFigures ratings) {
    }

    private static final class Visit {
        String service;
        Instant issued;
        Instant firstCalled;
        Instant lastCalled;
        /** The ticket's final status, as the queue names it; null while it is open. */
        TicketStatus outcome;
        double serviceSeconds = -1;
    }

    private static final class Clerk {
        int called;
        int served;
        int noShow;
        int transferred;
        double serviceSum;
    }

    public static Summary of(String day, List<Event> events) {
        Map<String, Visit> visits = new LinkedHashMap<>();
        Map<String, Clerk> clerks = new TreeMap<>();
        int raised = 0;
        List<Long> toAcknowledge = new ArrayList<>();
        Map<String, Integer> ratings = new HashMap<>();
        for (Event e : events) {
            if (e instanceof Event.AlertRaised) {
                raised++;
            } else if (e instanceof Event.AlertAcknowledged a) {
                toAcknowledge.add(a.secondsToAcknowledge());
            } else if (e instanceof Event.TicketRated r) {
                ratings.merge(r.rating(), 1, Integer::sum);
            } else if (e instanceof Event.TicketIssued i) {
                Visit v = new Visit();
                v.service = i.service();
                v.issued = i.at();
                visits.put(i.ticketId(), v);
            } else if (e instanceof Event.TicketCalled c && visits.containsKey(c.ticketId())) {
                Visit v = visits.get(c.ticketId());
                if (v.firstCalled == null) {
                    v.firstCalled = c.at();
                }
                v.lastCalled = c.at();
                clerk(clerks, c.clerk()).called++;
            } else if (e instanceof Event.TicketFinished f && visits.containsKey(f.ticketId())) {
                Visit v = visits.get(f.ticketId());
                v.outcome = TicketStatus.SERVED;
                if (v.lastCalled != null) {
                    v.serviceSeconds = seconds(v.lastCalled, f.at());
                    Clerk k = clerk(clerks, f.clerk());
                    k.served++;
                    k.serviceSum += v.serviceSeconds;
                }
            } else if (e instanceof Event.TicketNoShow n && visits.containsKey(n.ticketId())) {
                visits.get(n.ticketId()).outcome = TicketStatus.NO_SHOW;
                clerk(clerks, n.clerk()).noShow++;
            } else if (e instanceof Event.TicketTransferred t && visits.containsKey(t.ticketId())) {
                visits.get(t.ticketId()).service = t.toService();
                clerk(clerks, t.clerk()).transferred++;
            } else if (e instanceof Event.TicketCancelled c && visits.containsKey(c.ticketId())) {
                visits.get(c.ticketId()).outcome = Event.TicketCancelled.DAY_CLOSED.equals(c.reason())
                        ? TicketStatus.NOT_SERVED : TicketStatus.CANCELLED;
            }
        }
        Map<String, List<Visit>> byService = new TreeMap<>();
        for (Visit v : visits.values()) {
            byService.computeIfAbsent(v.service, k -> new ArrayList<>()).add(v);
        }
        List<Figures> services = new ArrayList<>();
        byService.forEach((service, vs) -> services.add(figures(service, vs)));
        List<ClerkFigures> clerkFigures = new ArrayList<>();
        clerks.forEach((name, k) -> clerkFigures.add(new ClerkFigures(name, k.called, k.served, k.noShow,
                k.transferred, k.served == 0 ? null : k.serviceSum / k.served)));
        AlertFigures alerts = new AlertFigures(raised, toAcknowledge.size(),
                toAcknowledge.isEmpty() ? null : toAcknowledge.stream().mapToLong(Long::longValue).average().orElseThrow(),
                toAcknowledge.stream().max(Long::compare).orElse(null));
        RatingFigures rated = new RatingFigures(ratings.getOrDefault("satisfied", 0),
                ratings.getOrDefault("neutral", 0), ratings.getOrDefault("dissatisfied", 0));
        return new Summary(day, services, figures("overall", new ArrayList<>(visits.values())), clerkFigures,
                alerts, rated);
    }

    private static Clerk clerk(Map<String, Clerk> clerks, String name) {
        return clerks.computeIfAbsent(name == null ? "" : name, k -> new Clerk());
    }

    private static Figures figures(String key, List<Visit> visits) {
        Map<TicketStatus, Integer> outcomes = new EnumMap<>(TicketStatus.class);
        double[] waits = visits.stream().filter(v -> v.firstCalled != null)
                .mapToDouble(v -> seconds(v.issued, v.firstCalled)).sorted().toArray();
        double[] service = visits.stream().filter(v -> v.serviceSeconds >= 0).mapToDouble(v -> v.serviceSeconds).toArray();
        for (Visit v : visits) {
            if (v.outcome != null) {
                outcomes.merge(v.outcome, 1, Integer::sum);
            }
        }
        return new Figures(key, visits.size(), outcomes.getOrDefault(TicketStatus.SERVED, 0),
                outcomes.getOrDefault(TicketStatus.NO_SHOW, 0), outcomes.getOrDefault(TicketStatus.CANCELLED, 0),
                outcomes.getOrDefault(TicketStatus.NOT_SERVED, 0),
                waits.length == 0 ? null : Arrays.stream(waits).average().orElseThrow(),
                percentile(waits, 0.5), percentile(waits, 0.9),
                waits.length == 0 ? null : waits[waits.length - 1],
                waits.length == 0 ? null : Arrays.stream(waits).filter(w -> w <= WITHIN_SECONDS).count() / (double) waits.length,
                service.length == 0 ? null : Arrays.stream(service).average().orElseThrow());
    }

    private static Double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? null : Percentile.of(sorted, p);
    }

    private static double seconds(Instant from, Instant to) {
        return (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }
}
