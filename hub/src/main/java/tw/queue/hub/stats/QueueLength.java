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

/**
 * How many citizens were waiting over one office day ({@code GET /api/stats/queue-length}), every
 * {@link #STEP_SECONDS} from the first opening to the last closing of that weekday, widened to the day's
 * tickets when some were taken outside the hours or waited on after closing (not to the day's close, which
 * ends the numbers still waiting). A ticket waits from its issue until its first call, or its
 * cancellation; a transferred ticket waits again in its new service from the transfer until it is called.
 * Pure: the same events give the same points.
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
    public static List<Point> of(List<Event> dayEvents, LocalDate day, ZoneId zone, List<OpeningHours.TimeRange> hours,
                                 Instant now) {
        List<Stretch> stretches = new ArrayList<>();
        Map<String, long[]> open = new HashMap<>();
        Map<String, String> openService = new HashMap<>();
        TreeMap<String, Integer> services = new TreeMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Event e : dayEvents) {
            long at = e.at().toEpochMilli();
            if (e instanceof Event.TicketIssued i) {
                open.put(i.ticketId(), new long[] {at});
                openService.put(i.ticketId(), i.service());
                services.put(i.service(), 0);
                first = Math.min(first, at);
                last = Math.max(last, at);
            } else if (e instanceof Event.TicketTransferred t) {
                open.put(t.ticketId(), new long[] {at});
                openService.put(t.ticketId(), t.toService());
                services.put(t.toService(), 0);
                last = Math.max(last, at);
            } else if (e instanceof Event.TicketCalled || e instanceof Event.TicketCancelled
                    || e instanceof Event.TicketNoShow || e instanceof Event.TicketFinished) {
                String id = ((Event.TicketEvent) e).ticketId();
                long[] since = open.remove(id);
                if (since != null) {
                    stretches.add(new Stretch(openService.remove(id), since[0], at));
                    // the points go on while the queue drains after closing, not until the day is closed
                    if (!(e instanceof Event.TicketCancelled c && Event.TicketCancelled.DAY_CLOSED.equals(c.reason()))) {
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
