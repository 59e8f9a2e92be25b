package tw.queue.hub.testing;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.domain.Channel;
import tw.queue.domain.Event;
import tw.queue.domain.Priority;
import tw.queue.hub.store.EventLog;

/**
 * Years of office history for the statistics tests and benchmark: weekdays of visits written as real events
 * through the hub's event log (so its per-visit summary is filled as in the hub), one transaction per day.
 * Each visit: a number taken between 08:00 and 16:30, most called (a wait of a few minutes, now and then
 * half an hour), served (lognormal-ish, about 6 minutes; one in a hundred finished within 30 s, a double
 * press), some no-shows, transfers (served at a second counter), citizens who left, and ratings.
 * Seeded: the same arguments give the same events.
 */
public final class HistoryGenerator {
    private final OfficeConfig office;
    private final ZoneId zone;
    private final int visitsPerDay;
    private final SplittableRandom random;

    public HistoryGenerator(OfficeConfig office, int visitsPerDay, long seed) {
        this.office = office;
        this.zone = office.timezone();
        this.visitsPerDay = visitsPerDay;
        this.random = new SplittableRandom(seed);
    }

    /** Appends {@code officeDays} weekdays from {@code first} on; returns the day after the last one. */
    public LocalDate write(Path dataDir, LocalDate first, int officeDays) throws SQLException {
        try (EventLog log = EventLog.open(dataDir, zone)) {
            return write(log, first, officeDays);
        }
    }

    public LocalDate write(EventLog log, LocalDate first, int officeDays) throws SQLException {
        LocalDate day = first;
        for (int written = 0; written < officeDays; day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            log.append(day(day));
            written++;
        }
        return day;
    }

    private List<EventLog.DayEvent> day(LocalDate day) {
        List<Event> events = new ArrayList<>(visitsPerDay * 4);
        Instant open = day.atTime(8, 0).atZone(zone).toInstant();
        events.add(new Event.DayOpened(open, day));
        List<ServiceDef> services = office.services();
        int[] numbers = new int[services.size()];
        for (int i = 0; i < visitsPerDay; i++) {
            int s = random.nextInt(10) < 5 ? 0 : random.nextInt(services.size());
            ServiceDef service = services.get(s);
            int number = service.numbers().first() + numbers[s]++;
            String id = day + "-" + i;
            long issued = open.toEpochMilli() + random.nextLong(8L * 3600_000 + 1800_000);
            events.add(new Event.TicketIssued(Instant.ofEpochMilli(issued), id, number, service.id(),
                    random.nextInt(10) == 0 ? Priority.ELDERLY : Priority.NONE, Channel.KIOSK, "zh-TW", null, null,
                    0, 0L));
            int fate = random.nextInt(100);
            if (fate < 3) {
                events.add(new Event.TicketCancelled(Instant.ofEpochMilli(issued + waitMs()), id, number, service.id(),
                        fate == 0 ? Event.TicketCancelled.DAY_CLOSED : Event.TicketCancelled.REQUESTED));
                continue;
            }
            int counter = 1 + random.nextInt(25);
            String clerk = "clerk" + counter;
            long called = issued + waitMs();
            events.add(new Event.TicketCalled(Instant.ofEpochMilli(called), id, number, service.id(), counter, clerk));
            if (fate < 8) {
                events.add(new Event.TicketNoShow(Instant.ofEpochMilli(called + 31_000 + random.nextLong(60_000)), id,
                        number, service.id(), counter, clerk));
                continue;
            }
            String servedAs = service.id();
            if (fate < 10) {
                String to = services.get(random.nextInt(services.size())).id();
                long moved = called + 60_000 + random.nextLong(120_000);
                events.add(new Event.TicketTransferred(Instant.ofEpochMilli(moved), id, number, servedAs, to, counter,
                        clerk));
                servedAs = to;
                counter = 1 + random.nextInt(25);
                clerk = "clerk" + counter;
                called = moved + waitMs();
                events.add(new Event.TicketCalled(Instant.ofEpochMilli(called), id, number, servedAs, counter, clerk));
            }
            long serviceMs = fate < 11 ? 2_000 + random.nextLong(27_000) : serviceTime();
            long finished = called + serviceMs;
            events.add(new Event.TicketFinished(Instant.ofEpochMilli(finished), id, number, servedAs, counter, clerk));
            int r = random.nextInt(10);
            if (r < 3) {
                String rating = Event.TicketRated.RATINGS.get(r == 0 && random.nextBoolean() ? 2 : r == 0 ? 1 : 0);
                events.add(new Event.TicketRated(Instant.ofEpochMilli(finished + 20_000), id, number, servedAs,
                        counter, rating, null));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        Instant close = day.atTime(18, 0).atZone(zone).toInstant();
        events.add(new Event.DayClosed(close, day));
        String d = day.toString();
        return events.stream().map(e -> new EventLog.DayEvent(d, e)).toList();
    }

    /** Milliseconds: mostly a few minutes, one in twenty half an hour or so. */
    private long waitMs() {
        double minutes = random.nextInt(20) == 0 ? 15 + random.nextDouble() * 30 : -Math.log(1 - random.nextDouble()) * 5;
        return (long) (minutes * 60_000);
    }

    /** Milliseconds: about 6 minutes, skewed, at least 40 s. */
    private long serviceTime() {
        double minutes = Math.exp(1.6 + 0.5 * random.nextGaussian());
        return 40_000 + (long) (minutes * 60_000);
    }
}
