package tw.queue.hub.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.config.OpeningHours;
import tw.queue.domain.Event;
import tw.queue.hub.store.VisitQueries;

/**
 * How many citizens were waiting over one office day ({@code GET /api/stats/queue-length}), every
 * {@link #STEP_SECONDS} from the first opening to the last closing of that weekday, widened to the day's
 * tickets when some were taken outside the hours or waited on after closing (not to the day's close, which
 * ends the numbers still waiting). A ticket waits from its issue until its first call, or its
 * cancellation; a transferred ticket waits again in its new service from the transfer until it is called (a
 * no-show or a finish comes after a call, so they end no wait). Pure: the same events give the same points.
 */
public final class QueueLength {
    public static final int STEP_SECONDS = 300;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private QueueLength() {
    }

    /** @param byService every service that had a ticket that day, waiting or not at that moment */
    public record Point(String at, int total, Map<String, Integer> byService) {
    }

    /** One stretch of waiting in one service, [from, to) in epoch milliseconds (to: still waiting). */
    private record Stretch(String service, long from, long to) {
    }

    /**
     * @param now points after it are left out (the day is today); null for a day gone by
     */
    public static List<Point> of(List<VisitQueries.QueueStep> daySteps, LocalDate day, ZoneId zone,
                                 List<OpeningHours.TimeRange> hours, Instant now) {
        List<Stretch> stretches = new ArrayList<>();
        Map<String, long[]> open = new HashMap<>();
        Map<String, String> openService = new HashMap<>();
        TreeMap<String, Integer> services = new TreeMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (VisitQueries.QueueStep e : daySteps) {
            long at = e.atMs();
            if (e.type() == Event.TicketIssued.class || e.type() == Event.TicketTransferred.class) {
                // a number taken, or a transferred one that waits again in its new service
                open.put(e.ticketId(), new long[] {at});
                openService.put(e.ticketId(), e.service());
                services.put(e.service(), 0);
                first = e.type() == Event.TicketIssued.class ? Math.min(first, at) : first;
                last = Math.max(last, at);
            } else {
                long[] since = open.remove(e.ticketId());
                if (since != null) {
                    stretches.add(new Stretch(openService.remove(e.ticketId()), since[0], at));
                    // the points go on while the queue drains after closing, not until the day is closed
                    if (!Event.TicketCancelled.DAY_CLOSED.equals(e.reason())) {
                        last = Math.max(last, at);
                    }
                }
            }
        }
        open.forEach((id, since) -> stretches.add(new Stretch(openService.get(id), since[0], Long.MAX_VALUE)));

        ZonedDateTime start = null;
        ZonedDateTime end = null;
        for (OpeningHours.TimeRange r : hours) {
            ZonedDateTime from = day.atTime(r.from()).atZone(zone);
            ZonedDateTime to = r.to().equals(LocalTime.MIDNIGHT) ? day.plusDays(1).atStartOfDay(zone)
                    : day.atTime(r.to()).atZone(zone);
            start = start == null || from.isBefore(start) ? from : start;
            end = end == null || to.isAfter(end) ? to : end;
        }
        if (first != Long.MAX_VALUE) {
            ZonedDateTime firstTicket = floorToStep(Instant.ofEpochMilli(first).atZone(zone));
            start = start == null || firstTicket.isBefore(start) ? firstTicket : start;
            ZonedDateTime lastEnd = floorToStep(Instant.ofEpochMilli(last).atZone(zone)).plusSeconds(STEP_SECONDS);
            end = end == null || lastEnd.isAfter(end) ? lastEnd : end;
        }
        List<Point> points = new ArrayList<>();
        if (start == null) {
            return points;
        }
        if (end == null || end.isBefore(start)) {
            end = start;
        }
        for (ZonedDateTime t = start; !t.isAfter(end) && t.toLocalDate().equals(day); t = t.plusSeconds(STEP_SECONDS)) {
            long ms = t.toInstant().toEpochMilli();
            if (now != null && ms > now.toEpochMilli()) {
                break;
            }
            Map<String, Integer> by = new TreeMap<>(services);
            int total = 0;
            for (Stretch s : stretches) {
                if (s.from <= ms && ms < s.to) {
                    by.merge(s.service, 1, Integer::sum);
                    total++;
                }
            }
            points.add(new Point(t.format(HH_MM), total, by));
        }
        return points;
    }

    private static ZonedDateTime floorToStep(ZonedDateTime t) {
        int seconds = t.toLocalTime().toSecondOfDay();
        return t.toLocalDate().atStartOfDay(t.getZone()).plusSeconds(seconds - seconds % STEP_SECONDS);
    }
}
