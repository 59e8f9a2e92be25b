package tw.queue.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;

/**
 * The live state of one office: a fold of the day's events. {@link #apply} only records facts; it never
 * decides (that is {@link QueueEngine}'s job) and never rejects. It is mutable for speed and owned by one
 * writer at a time; {@link #copy()} gives an independent snapshot.
 */
public final class OfficeState {
    private final OfficeConfig office;
    private LocalDate day;
    private boolean dayOpen;
    private final Map<String, Ticket> tickets;
    private final Map<String, Ticket> waiting;
    private final Map<String, Integer> lastNumber;
    private final Map<Integer, CounterState> counters;
    private final Map<String, Integer> clerkCounter;
    private Map<String, String> announcement;
    private final Map<String, Booking> bookings;
    private final ServiceTimes serviceTimes;
    /** Open counters able to serve each service; rebuilt lazily after any counter opens, pauses or closes. */
    private final Map<String, List<Integer>> openAble = new HashMap<>();
    private boolean staffingHintActive;
    /** The hint last given, while it stands: what it said (which service, the predicted p90). */
    private Event.StaffingHint staffingHint;
    /** When tickets, counters or clerks last did anything: the latest such event folded (null before any). */
    private Instant lastActivityAt;
    /** Ratings of today's tickets, by ticket id. */
    private final Map<String, String> ratings;
    /** Each device's last logged health, by device id; kept across days. */
    private final Map<String, Device> devices;
    /** Today's alerts (and open ones from before), in the order raised. */
    private final Map<String, Alert> alerts;
    /** Today's print jobs (slips a volunteer sent to a kiosk), in the order asked. */
    private final Map<String, PrintJob> printJobs;
    /** Issue times per service over the last {@value #RATE_WINDOW_SECONDS} seconds: the arrival rates. */
    private final Map<String, java.util.ArrayDeque<Instant>> arrivals = new HashMap<>();
    static final long RATE_WINDOW_SECONDS = 1800;
    /** The shortest time a rate is taken over at the start of the day (one ticket is not a rate yet). */
    static final long RATE_WINDOW_MIN_SECONDS = 120;
    /** When today's first ticket was issued (null before it): the start of the first half hour's rates. */
    private Instant firstIssuedAt;
    /** The same, for walk-ins without priority only (those who may use a waiting ticket's reserved places). */
    private final Map<String, java.util.ArrayDeque<Instant>> claimlessArrivals = new HashMap<>();
    /** Where each ticket ranked under a policy that fixes ranks at issue, by ticket id. */
    private final Map<String, Place> places;
    /** When each waiting ticket started waiting (issue or transfer), by id: for the abandonment rate. */
    private final Map<String, Instant> waitStart;
    private double waitStartSum;
    private double endedWaitSeconds;
    private int abandoned;
    /** The same per service: start sum, waiting count, ended wait seconds, abandoned. */
    private final Map<String, double[]> waitBy;
    /** Which services share at least one configured counter (fixed by the office). */
    private final Map<String, java.util.Set<String>> sharing;
    /** The configured counters of each service (fixed by the office). */
    private final Map<String, List<Integer>> configured;
    /** Since when each paused counter has been paused, by number (its clerk is away and coming back). */
    private final Map<Integer, Instant> pausedAt;
    /** Today's pauses that ended with the counter open again: their total length in seconds, and how many. */
    private double pausedSeconds;
    private int pauses;
    /** Counts the events applied to this copy: whatever is worked out from the state may be kept until it moves. */
    private long version;

    /**
     * Where the policy placed a ticket at issue, for good.
     *
     * @param rank its fixed rank (lower is called sooner)
     * @param reserved how many later quick errands may still go before it
     * @param claim the priority class ({@link Priority#wire()}) of the last ticket with a real claim that went
     *     before it after it was issued, or null
     * @param claimAt when that one came
     */
    public record Place(double rank, int reserved, String claim, Instant claimAt) {
        Place lessReserved() {
            return new Place(rank, Math.max(0, reserved - 1), claim, claimAt);
        }

        Place claimedBy(String priority, Instant at) {
            return new Place(rank, reserved, priority, at);
        }
    }

    /** An online appointment: its code, booked service and time, and the ticket that redeemed it, if any. */
    public record Booking(String code, String service, java.time.Instant dueAt, String ticketId) {
        Booking redeemedBy(String id) {
            return new Booking(code, service, dueAt, id);
        }
    }

    /** A device's last logged health: status, components and when it changed. */
    public record Device(String id, String type, String status, Map<String, String> components, Instant changedAt) {
    }

    /**
     * An alert: who or what raised it, and when it was acknowledged (null while open).
     *
     * @param source the device id or staff username that raised it: one open alert per source and place
     */
    public record Alert(String id, String kind, String place, String device, String source, Instant raisedAt,
                        Instant acknowledgedAt, Long secondsToAcknowledge) {
        public boolean isOpen() {
            return acknowledgedAt == null;
        }
    }

    /**
     * A slip sent to a kiosk's printer: offered to that kiosk until it reports a result or {@link #OFFERED_FOR}
     * has passed (then it is expired: a slip printed minutes later, with no one waiting beside it, helps no one).
     *
     * @param result null while pending, else {@code printed} or {@code failed}
     */
    public record PrintJob(String id, String ticketId, int number, String service, String kiosk, Instant requestedAt,
                           String result, String reason, Instant finishedAt) {
        public static final java.time.Duration OFFERED_FOR = java.time.Duration.ofMinutes(2);

        public boolean isPending() {
            return result == null;
        }

        /** Still to be printed: no result yet, and asked for less than {@link #OFFERED_FOR} ago. */
        public boolean isOffered(Instant now) {
            return isPending() && now.isBefore(requestedAt.plus(OFFERED_FOR));
        }

        /** queued, printed, failed or expired. */
        public String status(Instant now) {
            return !isPending() ? result : isOffered(now) ? "queued" : "expired";
        }
    }

    public OfficeState(OfficeConfig office) {
        this.office = office;
        this.printJobs = new LinkedHashMap<>();
        this.ratings = new HashMap<>();
        this.devices = new TreeMap<>();
        this.alerts = new LinkedHashMap<>();
        this.tickets = new HashMap<>();
        this.waiting = new LinkedHashMap<>();
        this.lastNumber = new HashMap<>();
        this.counters = new TreeMap<>();
        this.clerkCounter = new HashMap<>();
        this.announcement = Map.of();
        this.bookings = new HashMap<>();
        this.serviceTimes = new ServiceTimes(office);
        this.places = new HashMap<>();
        this.waitStart = new HashMap<>();
        this.waitBy = new HashMap<>();
        this.sharing = new java.util.concurrent.ConcurrentHashMap<>();
        this.configured = new java.util.concurrent.ConcurrentHashMap<>();
        this.pausedAt = new HashMap<>();
        for (CounterDef c : office.counters()) {
            counters.put(c.number(), CounterState.closed(c.number()));
        }
    }

    private OfficeState(OfficeState o) {
        this.office = o.office;
        this.day = o.day;
        this.dayOpen = o.dayOpen;
        this.tickets = new HashMap<>(o.tickets);
        this.waiting = new LinkedHashMap<>(o.waiting);
        this.lastNumber = new HashMap<>(o.lastNumber);
        this.counters = new TreeMap<>(o.counters);
        this.clerkCounter = new HashMap<>(o.clerkCounter);
        this.announcement = o.announcement;
        this.bookings = new HashMap<>(o.bookings);
        this.serviceTimes = o.serviceTimes.copy();
        this.staffingHintActive = o.staffingHintActive;
        this.staffingHint = o.staffingHint;
        this.lastActivityAt = o.lastActivityAt;
        this.ratings = new HashMap<>(o.ratings);
        this.devices = new TreeMap<>(o.devices);
        this.alerts = new LinkedHashMap<>(o.alerts);
        this.printJobs = new LinkedHashMap<>(o.printJobs);
        o.arrivals.forEach((k, v) -> arrivals.put(k, new java.util.ArrayDeque<>(v)));
        o.claimlessArrivals.forEach((k, v) -> claimlessArrivals.put(k, new java.util.ArrayDeque<>(v)));
        this.places = new HashMap<>(o.places);
        this.waitStart = new HashMap<>(o.waitStart);
        this.waitStartSum = o.waitStartSum;
        this.endedWaitSeconds = o.endedWaitSeconds;
        this.abandoned = o.abandoned;
        this.waitBy = new HashMap<>();
        o.waitBy.forEach((k, v) -> waitBy.put(k, v.clone()));
        this.sharing = o.sharing;
        this.configured = o.configured;
        this.version = o.version;
        this.firstIssuedAt = o.firstIssuedAt;
        this.pausedAt = new HashMap<>(o.pausedAt);
        this.pausedSeconds = o.pausedSeconds;
        this.pauses = o.pauses;
    }

    public OfficeState copy() {
        return new OfficeState(this);
    }

    public static OfficeState fold(OfficeConfig office, Iterable<Event> events) {
        OfficeState state = new OfficeState(office);
        for (Event e : events) {
            state.apply(e);
        }
        return state;
    }

    /**
     * Records one fact <em>in place</em> and returns this same object, now including it. STYLE.md's fold returns
     * the next state; this one mutates instead, because the writer applies every event of a busy day and the
     * estimator reads the state after each command: copying 25 counters and hundreds of tickets per event would
     * cost more than the whole command. Whoever needs the state before an event keeps a {@link #copy()}, as
     * QueueWriter does for its working copy.
     */
    public OfficeState apply(Event event) {
        version++;
        if (isActivity(event) && (lastActivityAt == null || event.at().isAfter(lastActivityAt))) {
            lastActivityAt = event.at();
        }
        if (event instanceof Event.CounterOpened || event instanceof Event.CounterPaused
                || event instanceof Event.CounterClosed) {
            openAble.clear();
        }
        if (event instanceof Event.DayOpened e) {
            if (!e.day().equals(day)) {
                tickets.clear();
                waiting.clear();
                lastNumber.clear();
                ratings.clear();
                places.clear();
                waitStart.clear();
                waitStartSum = 0;
                endedWaitSeconds = 0;
                abandoned = 0;
                waitBy.clear();
                firstIssuedAt = null;
                pausedSeconds = 0;
                pauses = 0;
                alerts.values().removeIf(a -> !a.isOpen());
                printJobs.clear();
                // Bookings for days gone by are of no more use.
                bookings.values().removeIf(b -> b.dueAt().atZone(office.timezone()).toLocalDate().isBefore(e.day()));
            }
            day = e.day();
            dayOpen = true;
        } else if (event instanceof Event.DayClosed) {
            dayOpen = false;
        } else if (event instanceof Event.TicketIssued e) {
            Ticket t = new Ticket(e.ticketId(), e.number(), e.service(), e.priority(), e.channel(), e.lang(),
                    e.at(), e.at(), TicketStatus.WAITING, null, null, 0, 0, null, e.dueAt());
            if (e.rank() != null) {
                place(e);
            }
            put(t);
            if (firstIssuedAt == null) {
                firstIssuedAt = e.at();
            }
            startWaiting(e.ticketId(), e.at());
            if (e.priority() == Priority.NONE) {
                recent(claimlessArrivals, e.service(), e.at());
            }
            lastNumber.merge(e.service(), e.number(), Math::max);
            java.util.ArrayDeque<Instant> times = arrivals.computeIfAbsent(e.service(), k -> new java.util.ArrayDeque<>());
            times.addLast(e.at());
            while (!times.isEmpty() && times.peekFirst().isBefore(e.at().minusSeconds(RATE_WINDOW_SECONDS))) {
                times.removeFirst();
            }
            if (e.appointmentCode() != null) {
                bookings.computeIfPresent(e.appointmentCode(), (k, b) -> b.redeemedBy(e.ticketId()));
            }
        } else if (event instanceof Event.AppointmentBooked e) {
            bookings.put(e.code(), new Booking(e.code(), e.service(), e.dueAt(), null));
        } else if (event instanceof Event.TicketCalled e) {
            stopWaiting(e.ticketId(), e.at());
            put(tickets.get(e.ticketId()).called(e.counter(), e.at()));
            counters.computeIfPresent(e.counter(), (n, c) -> c.withCurrent(e.ticketId()));
        } else if (event instanceof Event.TicketRecalled e) {
            put(tickets.get(e.ticketId()).recalled());
        } else if (event instanceof Event.TicketNoShow e) {
            end(e.ticketId(), TicketStatus.NO_SHOW, e);
        } else if (event instanceof Event.TicketFinished e) {
            Ticket t = tickets.get(e.ticketId());
            if (t.calledAt() != null) {
                serviceTimes.observe(t.service(), (e.at().toEpochMilli() - t.calledAt().toEpochMilli()) / 1000.0);
            }
            end(e.ticketId(), TicketStatus.SERVED, e);
        } else if (event instanceof Event.TicketTransferred e) {
            put(tickets.get(e.ticketId()).transferredTo(e.toService()));
            places.remove(e.ticketId());
            startWaiting(e.ticketId(), e.at());
            releaseCounterOf(e.ticketId(), e.counter());
        } else if (event instanceof Event.TicketCancelled e) {
            String reason = e.reason();
            if (stopWaiting(e.ticketId(), e.at()) && Event.TicketCancelled.REQUESTED.equals(reason)) {
                abandoned++;
                waitOf(tickets.get(e.ticketId()).service())[3]++;
            }
            end(e.ticketId(), Event.TicketCancelled.DAY_CLOSED.equals(reason)
                    ? TicketStatus.NOT_SERVED : TicketStatus.CANCELLED, e);
        } else if (event instanceof Event.ClerkSignedIn e) {
            clerkCounter.put(e.clerk(), e.counter());
            counters.computeIfPresent(e.counter(), (n, c) -> c.withClerk(e.clerk()));
        } else if (event instanceof Event.ClerkSignedOut e) {
            clerkCounter.remove(e.clerk());
            counters.computeIfPresent(e.counter(), (n, c) -> c.withClerk(null));
        } else if (event instanceof Event.CounterOpened e) {
            counters.computeIfPresent(e.counter(), (n, c) -> c.withStatus(CounterStatus.OPEN));
            Instant since = pausedAt.remove(e.counter());
            if (since != null) {
                pausedSeconds += Math.max(0, seconds(e.at()) - seconds(since));
                pauses++;
            }
        } else if (event instanceof Event.CounterPaused e) {
            counters.computeIfPresent(e.counter(), (n, c) -> c.withStatus(CounterStatus.PAUSED));
            pausedAt.putIfAbsent(e.counter(), e.at());
        } else if (event instanceof Event.CounterClosed e) {
            pausedAt.remove(e.counter());
            counters.computeIfPresent(e.counter(), (n, c) -> c.withStatus(CounterStatus.CLOSED).withCurrent(null));
        } else if (event instanceof Event.StaffingHint e) {
            staffingHintActive = e.active();
            staffingHint = e.active() ? e : null;
        } else if (event instanceof Event.AnnouncementSet e) {
            announcement = e.texts() == null ? Map.of() : Map.copyOf(e.texts());
        } else if (event instanceof Event.TicketRated e) {
            ratings.put(e.ticketId(), e.rating());
        } else if (event instanceof Event.DeviceHealth e) {
            devices.put(e.device(), new Device(e.device(), e.deviceType(), e.status(),
                    e.components() == null ? Map.of() : Map.copyOf(e.components()), e.at()));
        } else if (event instanceof Event.AlertRaised e) {
            alerts.put(e.alert(), new Alert(e.alert(), e.kind(), e.place(), e.device(),
                    e.device() != null ? e.device() : e.raisedBy(), e.at(), null, null));
        } else if (event instanceof Event.AlertAcknowledged e) {
            alerts.computeIfPresent(e.alert(), (k, a) -> new Alert(a.id(), a.kind(), a.place(), a.device(), a.source(),
                    a.raisedAt(), e.at(), e.secondsToAcknowledge()));
        } else if (event instanceof Event.PrintRequested e) {
            printJobs.put(e.job(), new PrintJob(e.job(), e.ticketId(), e.number(), e.service(), e.kiosk(), e.at(),
                    null, null, null));
        } else if (event instanceof Event.PrintFinished e) {
            printJobs.computeIfPresent(e.job(), (k, j) -> new PrintJob(j.id(), j.ticketId(), j.number(), j.service(),
                    j.kiosk(), j.requestedAt(), e.result(), e.reason(), e.at()));
        }
        return this;
    }

    /**
     * A ticket the policy ranked: each waiting ticket it goes before (sharing a counter) gives up one of its
     * reserved places if it is a walk-in without priority, or records the newcomer's claim otherwise.
     */
    private void place(Event.TicketIssued e) {
        for (Ticket w : waiting.values()) {
            Place p = places.get(w.id());
            if (p == null || w.priority() == Priority.APPOINTMENT || p.rank() <= e.rank()
                    || !shareCounters(w.service(), e.service())) {
                continue;
            }
            places.put(w.id(), e.priority() == Priority.NONE ? p.lessReserved() : p.claimedBy(e.priority().wire(), e.at()));
        }
        places.put(e.ticketId(), new Place(e.rank(), e.reserved() == null ? 0 : e.reserved(), null, null));
    }

    private void startWaiting(String id, Instant at) {
        Instant before = waitStart.put(id, at);
        double[] by = waitOf(tickets.get(id).service());
        if (before != null) {
            waitStartSum -= seconds(before);
            by[0] -= seconds(before);
            by[1]--;
        }
        waitStartSum += seconds(at);
        by[0] += seconds(at);
        by[1]++;
    }

    private double[] waitOf(String service) {
        return waitBy.computeIfAbsent(service, k -> new double[4]);
    }

    /** Ends a ticket's wait; false if it was not waiting. */
    private boolean stopWaiting(String id, Instant at) {
        Instant start = waitStart.remove(id);
        if (start == null) {
            return false;
        }
        waitStartSum -= seconds(start);
        endedWaitSeconds += Math.max(0, seconds(at) - seconds(start));
        double[] by = waitOf(tickets.get(id).service());
        by[0] -= seconds(start);
        by[1]--;
        by[2] += Math.max(0, seconds(at) - seconds(start));
        return true;
    }

    private static double seconds(Instant i) {
        return i.toEpochMilli() / 1000.0;
    }

    private static void recent(Map<String, java.util.ArrayDeque<Instant>> by, String service, Instant at) {
        java.util.ArrayDeque<Instant> times = by.computeIfAbsent(service, k -> new java.util.ArrayDeque<>());
        times.addLast(at);
        while (!times.isEmpty() && times.peekFirst().isBefore(at.minusSeconds(RATE_WINDOW_SECONDS))) {
            times.removeFirst();
        }
    }

    private void put(Ticket t) {
        tickets.put(t.id(), t);
        if (t.isWaiting()) {
            waiting.put(t.id(), t);
        } else {
            waiting.remove(t.id());
        }
    }

    private void end(String ticketId, TicketStatus outcome, Event e) {
        Ticket t = tickets.get(ticketId);
        put(t.ended(outcome, e.at()));
        if (t.counter() != null) {
            releaseCounterOf(ticketId, t.counter());
        }
    }

    private void releaseCounterOf(String ticketId, int counter) {
        counters.computeIfPresent(counter,
                (n, c) -> ticketId.equals(c.currentTicketId()) ? c.withCurrent(null) : c);
    }

    public OfficeConfig office() {
        return office;
    }

    /** The office day the state is in, or empty before the first day opened. */
    /** The office's own doings: tickets, counters, clerks (not devices, bookings, announcements or alerts). */
    private static boolean isActivity(Event e) {
        return e instanceof Event.TicketEvent || e instanceof Event.CounterOpened || e instanceof Event.CounterPaused
                || e instanceof Event.CounterClosed || e instanceof Event.ClerkSignedIn
                || e instanceof Event.ClerkSignedOut;
    }

    /** When a ticket, counter or clerk last did something, if ever. */
    public Optional<Instant> lastActivityAt() {
        return Optional.ofNullable(lastActivityAt);
    }

    public Optional<LocalDate> day() {
        return Optional.ofNullable(day);
    }

    public boolean isDayOpen() {
        return dayOpen;
    }

    public Optional<Ticket> ticket(String id) {
        return Optional.ofNullable(tickets.get(id));
    }

    /** Waiting tickets in the order they joined their current queue. */
    public Collection<Ticket> waiting() {
        return Collections.unmodifiableCollection(waiting.values());
    }

    public Collection<Ticket> tickets() {
        return Collections.unmodifiableCollection(tickets.values());
    }

    public int lastNumber(String service) {
        return lastNumber.getOrDefault(service, 0);
    }

    public Optional<CounterState> counter(int number) {
        return Optional.ofNullable(counters.get(number));
    }

    public List<CounterState> counters() {
        return new ArrayList<>(counters.values());
    }

    public Optional<Integer> counterOfClerk(String clerk) {
        return Optional.ofNullable(clerkCounter.get(clerk));
    }

    public Map<String, String> announcement() {
        return announcement;
    }

    /**
     * Tickets of a service issued per second over the last half hour (what is coming); in the day's first half
     * hour, over the time since the first ticket (at least two minutes), not over a half hour mostly before the
     * doors opened, which took the morning rush for a third of itself.
     */
    public double arrivalRate(String service, Instant now) {
        return derived(List.of("arrivals", service, now), () -> rate(arrivals, service, now));
    }

    /** The same for walk-ins without priority: those who may take a waiting ticket's reserved places. */
    public double claimlessArrivalRate(String service, Instant now) {
        return derived(List.of("claimless", service, now), () -> rate(claimlessArrivals, service, now));
    }

    private long derivedVersion = -1;
    private final Map<Object, Object> derived = new HashMap<>();

    /**
     * Something worked out from this state (by the policy or the estimator), kept until the next event: the
     * staffing hint asks for every service's estimate after each command.
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T derived(Object key, java.util.function.Supplier<T> compute) {
        if (derivedVersion != version) {
            derived.clear();
            derivedVersion = version;
        }
        Object v = derived.get(key);
        if (v == null) {
            v = compute.get();
            derived.put(key, v);
        }
        return (T) v;
    }

    /** How many events this state has applied (so far as a cache needs to know whether it moved). */
    public long version() {
        return version;
    }

    /** Where a policy that ranks at issue placed a ticket, if it did. */
    public Optional<Place> place(String ticketId) {
        return Optional.ofNullable(places.get(ticketId));
    }

    /**
     * How often a waiting citizen gives up, per second of waiting today: tickets cancelled while waiting at
     * the citizen's request over all the waiting time so far (0 until a first one leaves).
     */
    public double abandonmentRate(Instant now) {
        double exposure = endedWaitSeconds + waitStart.size() * seconds(now) - waitStartSum;
        return abandoned == 0 || exposure <= 0 ? 0 : abandoned / exposure;
    }

    /**
     * The same for one service's citizens, once {@code minimum} of them have left (those at one counter may
     * wait far longer than the office's, and give up far more); the office's rate until then.
     */
    public double abandonmentRate(String service, Instant now, int minimum) {
        double[] by = waitBy.get(service);
        if (by == null || by[3] < minimum) {
            return abandonmentRate(now);
        }
        double exposure = by[2] + by[1] * seconds(now) - by[0];
        return exposure <= 0 ? 0 : by[3] / exposure;
    }

    /**
     * A sole counter's own rate of giving up, with a prior until {@code minimum} of its citizens have left:
     * (left + 1) / (waiting time + an hour), as if one had left after an hour of waiting (people in a lobby give
     * up about so; the office's rate, measured mostly on short waits, says far less for a queue of hours). From
     * {@code minimum} on, what its own citizens did (as {@link #abandonmentRate(String, Instant, int)}).
     */
    public double abandonmentRateWithPrior(String service, Instant now, int minimum) {
        double[] by = waitBy.get(service);
        double left = by == null ? 0 : by[3];
        double exposure = by == null ? 0 : Math.max(0, by[2] + by[1] * seconds(now) - by[0]);
        if (left >= minimum) {
            return exposure <= 0 ? 0 : left / exposure;
        }
        return Math.max(abandonmentRate(now), (left + 1) / (exposure + PRIOR_PATIENCE_SECONDS));
    }

    static final double PRIOR_PATIENCE_SECONDS = 3600;

    /** Whether some configured counter serves both services (whether they can ever compete). */
    public boolean shareCounters(String a, String b) {
        return a.equals(b) || sharingOf(a).contains(b);
    }

    private java.util.Set<String> sharingOf(String service) {
        java.util.Set<String> set = sharing.get(service);
        if (set == null) {
            java.util.Set<String> out = new java.util.HashSet<>();
            for (CounterDef c : office.counters()) {
                if (c.serves(service)) {
                    out.addAll(c.services());
                }
            }
            set = java.util.Set.copyOf(out);
            sharing.put(service, set);
        }
        return set;
    }

    /** The configured counters (open or not) that may serve a service. */
    public List<Integer> countersFor(String service) {
        List<Integer> list = configured.get(service);
        if (list == null) {
            list = office.counters().stream().filter(c -> c.serves(service)).map(CounterDef::number).toList();
            configured.put(service, list);
        }
        return list;
    }

    private double rate(Map<String, java.util.ArrayDeque<Instant>> by, String service, Instant now) {
        java.util.ArrayDeque<Instant> times = by.get(service);
        if (times == null) {
            return 0;
        }
        Instant from = now.minusSeconds(RATE_WINDOW_SECONDS);
        int n = 0;
        for (java.util.Iterator<Instant> it = times.descendingIterator(); it.hasNext(); ) {
            if (it.next().isBefore(from)) {
                break;
            }
            n++;
        }
        return n / rateWindowSeconds(now);
    }

    private double rateWindowSeconds(Instant now) {
        if (firstIssuedAt == null) {
            return RATE_WINDOW_SECONDS;
        }
        double since = (now.toEpochMilli() - firstIssuedAt.toEpochMilli()) / 1000.0;
        return Math.max(RATE_WINDOW_MIN_SECONDS, Math.min(RATE_WINDOW_SECONDS, since));
    }

    /** Recent service times, per service. */
    public ServiceTimes serviceTimes() {
        return serviceTimes;
    }

    public boolean isStaffingHintActive() {
        return staffingHintActive;
    }

    /** The staffing hint standing now, as it was given; empty when none stands. */
    public Optional<Event.StaffingHint> staffingHint() {
        return staffingHintActive ? Optional.ofNullable(staffingHint) : Optional.empty();
    }

    public Optional<Booking> booking(String code) {
        return Optional.ofNullable(bookings.get(code));
    }

    /** Today's bookings not yet checked in, earliest due first (kept until the state moves). */
    public List<Booking> openBookings() {
        return derived("open-bookings", () -> bookings.values().stream().filter(b -> b.ticketId() == null)
                .sorted(java.util.Comparator.comparing(Booking::dueAt)).toList());
    }

    /**
     * Of today's bookings whose time to check in has passed (booked time + grace), the share that came; 0.9
     * until ten such are known.
     */
    public double bookingShowRate(Instant now, java.time.Duration grace) {
        int past = 0;
        int came = 0;
        Instant cut = now.minus(grace);
        for (Booking b : bookings.values()) {
            if (b.dueAt().isBefore(cut)) {
                past++;
                if (b.ticketId() != null) {
                    came++;
                }
            }
        }
        return past < 10 ? 0.9 : (double) came / past;
    }

    /** The numbers of the open counters that may serve a service. */
    public List<Integer> openCountersFor(String service) {
        return openAble.computeIfAbsent(service, sid -> {
            List<Integer> out = new ArrayList<>();
            for (CounterState c : counters.values()) {
                if (c.isOpen() && office.counter(c.number()).map(d -> d.serves(sid)).orElse(false)) {
                    out.add(c.number());
                }
            }
            return List.copyOf(out);
        });
    }

    /** Since when a counter has been paused, if it is. */
    public Optional<Instant> pausedSince(int counter) {
        return Optional.ofNullable(pausedAt.get(counter));
    }

    /** The paused counters (clerk away, coming back) that may serve a service. */
    public List<Integer> pausedCountersFor(String service) {
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<Integer, Instant> e : pausedAt.entrySet()) {
            if (office.counter(e.getKey()).map(d -> d.serves(service)).orElse(false)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** How long today's pauses lasted on average (seconds), from those that ended; NaN before the first. */
    public double meanPauseSeconds() {
        return pauses == 0 ? Double.NaN : pausedSeconds / pauses;
    }

    /** The ticket being served at a counter, if any. */
    public Optional<Ticket> currentAt(int counter) {
        CounterState c = counters.get(counter);
        return c == null || c.currentTicketId() == null ? Optional.empty() : ticket(c.currentTicketId());
    }

    /** The rating given to a ticket today, if any. */
    public Optional<String> rating(String ticketId) {
        return Optional.ofNullable(ratings.get(ticketId));
    }

    /** The last logged health of a device, or empty when it has never reported (so it counts as offline). */
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public Collection<Device> devices() {
        return Collections.unmodifiableCollection(devices.values());
    }

    public Optional<Alert> alert(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    /** Alerts not yet acknowledged, oldest first. */
    public List<Alert> openAlerts() {
        return alerts.values().stream().filter(Alert::isOpen).toList();
    }

    /** The ticket served last at a counter today (ended as served there), if any. */
    public Optional<PrintJob> printJob(String id) {
        return Optional.ofNullable(printJobs.get(id));
    }

    /** The jobs a kiosk should print now, oldest first. */
    public List<PrintJob> offeredPrintJobs(String kiosk, Instant now) {
        return printJobs.values().stream().filter(j -> j.kiosk().equals(kiosk) && j.isOffered(now)).toList();
    }

    public Optional<Ticket> lastFinishedAt(int counter) {
        return tickets.values().stream()
                .filter(t -> t.status() == TicketStatus.SERVED && t.counter() != null && t.counter() == counter)
                .max(java.util.Comparator.comparing(Ticket::finishedAt));
    }
}
