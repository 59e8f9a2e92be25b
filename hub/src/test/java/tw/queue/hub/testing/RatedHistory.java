package tw.queue.hub.testing;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import tw.queue.config.OfficeConfig;
import tw.queue.domain.Channel;
import tw.queue.domain.Event;
import tw.queue.domain.Priority;
import tw.queue.hub.store.EventLog;

/**
 * Office history whose true rates are known, for the staffing planner's tests: each office day's citizens
 * arrive per service as a Poisson process at the given hourly rates of that weekday (piecewise constant per
 * hour from {@code firstHour}), and each is called after a short wait and served for a lognormal time around
 * its service's expected minutes, written as real events through the hub's event log. Days given as closed
 * (holidays) get no events at all. Seeded: the same arguments give the same events.
 */
public final class RatedHistory {
    private final OfficeConfig office;
    private final ZoneId zone;
    private final int firstHour;
    private final Map<DayOfWeek, Map<String, double[]>> rates;
    private final SplittableRandom random;

    public RatedHistory(OfficeConfig office, int firstHour, Map<DayOfWeek, Map<String, double[]>> rates, long seed) {
        this.office = office;
        this.zone = office.timezone();
        this.firstHour = firstHour;
        this.rates = rates;
        this.random = new SplittableRandom(seed);
    }

    /** Writes every day in {@code [first, end)} whose weekday has rates, except the closed ones. */
    public int write(EventLog log, LocalDate first, LocalDate end, Set<LocalDate> closed) throws SQLException {
        int visits = 0;
        for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
            Map<String, double[]> r = rates.get(d.getDayOfWeek());
            if (r == null || closed.contains(d)) {
                continue;
            }
            List<EventLog.DayEvent> events = day(d, r);
            visits += (int) events.stream().filter(e -> e.event() instanceof Event.TicketIssued).count();
            log.append(events);
        }
        return visits;
    }

    private List<EventLog.DayEvent> day(LocalDate day, Map<String, double[]> r) {
        List<Event> events = new ArrayList<>();
        Instant open = day.atTime(firstHour, 0).atZone(zone).toInstant();
        events.add(new Event.DayOpened(open.minusSeconds(600), day));
        Map<String, Integer> numbers = new HashMap<>();
        long lastMs = open.toEpochMilli();
        for (var e : r.entrySet()) {
            String service = e.getKey();
            double minutes = office.service(service).orElseThrow().expectedMinutes();
            int first = office.service(service).orElseThrow().numbers().first();
            double[] perHour = e.getValue();
            for (int h = 0; h < perHour.length; h++) {
                double t = h * 3600.0;
                while (perHour[h] > 0) {
                    t += -Math.log(1 - random.nextDouble()) * 3600.0 / perHour[h];
                    if (t >= (h + 1) * 3600.0) {
                        break;
                    }
                    int k = numbers.merge(service, 1, Integer::sum);
                    String id = day + "-" + service + "-" + k;
                    int number = first + k - 1;
                    long issued = open.toEpochMilli() + (long) (t * 1000);
                    long called = issued + (long) (-Math.log(1 - random.nextDouble()) * 240_000);
                    double sigma = 0.45;
                    long served = (long) (Math.exp(Math.log(minutes * 60_000) - sigma * sigma / 2
                            + sigma * random.nextGaussian()));
                    int counter = 1 + random.nextInt(office.counters().size());
                    events.add(new Event.TicketIssued(Instant.ofEpochMilli(issued), id, number, service,
                            Priority.NONE, Channel.KIOSK, "zh-TW", null, null, 0, 0L));
                    events.add(new Event.TicketCalled(Instant.ofEpochMilli(called), id, number, service, counter,
                            "clerk" + counter));
                    events.add(new Event.TicketFinished(Instant.ofEpochMilli(called + served), id, number, service,
                            counter, "clerk" + counter));
                    lastMs = Math.max(lastMs, called + served);
                }
            }
        }
        events.sort(Comparator.comparing(Event::at));
        events.add(new Event.DayClosed(Instant.ofEpochMilli(lastMs + 60_000), day));
        String d = day.toString();
        return events.stream().map(ev -> new EventLog.DayEvent(d, ev)).toList();
    }
}
