package tw.queue.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.queue.config.CounterDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.ServiceDef;
import tw.queue.config.StaffAccount;
import tw.queue.domain.Rejection.Kind;

/**
 * The queue's rules. {@link #execute} checks a command against the state, then records the resulting events
 * into that state and returns them. Every check comes before the first event, so a rejected command leaves
 * the state untouched. Time comes from the {@link Clock} passed in, never from the wall.
 */
public final class QueueEngine {
    private final OfficeConfig office;
    private final CallNextPolicy policy;
    private final WaitEstimator estimator;
    private final Clock clock;
    private final boolean enforceOpeningHours;
    private final java.time.Duration targetWait;

    /**
     * @param targetWait the wait above which the engine hints to open a back-line counter (null: no hints)
     */
    public QueueEngine(OfficeConfig office, CallNextPolicy policy, WaitEstimator estimator, Clock clock,
                       boolean enforceOpeningHours, java.time.Duration targetWait) {
        this.office = office;
        this.policy = policy;
        this.estimator = estimator;
        this.clock = clock;
        this.enforceOpeningHours = enforceOpeningHours;
        this.targetWait = targetWait;
    }

    public WaitEstimator estimator() {
        return estimator;
    }

    public OfficeConfig office() {
        return office;
    }

    public CallNextPolicy policy() {
        return policy;
    }

    /** The events a command produced, and the ticket it concerns (issued or called), if any. */
    public record Result(List<Event> events, Optional<String> ticketId) {
    }

    public Result execute(OfficeState state, Command command) {
        Instant now = clock.instant();
        Emitter out = new Emitter(state);
        String ticket = null;
        if (command instanceof Command.Tick) {
            rollOver(state, now, out);
        } else if (command instanceof Command.IssueTicket c) {
            ticket = issue(state, c, now, out);
        } else if (command instanceof Command.CheckIn c) {
            ticket = checkIn(state, c, now, out);
        } else if (command instanceof Command.BookAppointments c) {
            book(state, c, now, out);
        } else if (command instanceof Command.CancelTicket c) {
            cancel(state, c, now, out);
            ticket = c.ticketId();
        } else if (command instanceof Command.CallNext c) {
            ticket = callNext(state, c, now, out);
        } else if (command instanceof Command.Recall c) {
            Ticket t = serving(state, c.counter(), c.actor());
            out.emit(new Event.TicketRecalled(now, t.id(), t.number(), t.service(), c.counter(), clerkAt(state, c.counter(), c.actor())));
            ticket = t.id();
        } else if (command instanceof Command.NoShow c) {
            Ticket t = serving(state, c.counter(), c.actor());
            long early = secondsShort(t, office.counterRules().noShowAfter(), now);
            if (early > 0) {
                // The citizen may still be walking over from the far end of the lobby.
                throw new Rejection(Kind.CONFLICT, "no-show-too-soon", t.number(), early);
            }
            out.emit(new Event.TicketNoShow(now, t.id(), t.number(), t.service(), c.counter(), clerkAt(state, c.counter(), c.actor())));
            ticket = t.id();
        } else if (command instanceof Command.Finish c) {
            Ticket t = serving(state, c.counter(), c.actor());
            out.emit(new Event.TicketFinished(now, t.id(), t.number(), t.service(), c.counter(), clerkAt(state, c.counter(), c.actor())));
            ticket = t.id();
        } else if (command instanceof Command.Transfer c) {
            ticket = transfer(state, c, now, out);
        } else if (command instanceof Command.OpenCounter c) {
            open(state, c, now, out);
        } else if (command instanceof Command.PauseCounter c) {
            CounterState counter = actingCounter(state, c.counter(), c.actor());
            if (counter.status() == CounterStatus.OPEN) {
                out.emit(new Event.CounterPaused(now, c.counter()));
            }
        } else if (command instanceof Command.CloseCounter c) {
            CounterState counter = actingCounter(state, c.counter(), c.actor());
            closeCounter(state, counter, now, out);
        } else if (command instanceof Command.SetAnnouncement c) {
            out.emit(new Event.AnnouncementSet(now, c.texts() == null ? Map.of() : Map.copyOf(c.texts())));
        } else if (command instanceof Command.OpenDay) {
            if (!state.isDayOpen()) {
                out.emit(new Event.DayOpened(now, now.atZone(office.timezone()).toLocalDate()));
            }
        } else if (command instanceof Command.CloseDay) {
            if (state.isDayOpen()) {
                closeDay(state, now, out);
            }
        } else if (command instanceof Command.RateTicket c) {
            rate(state, c, now, out);
            ticket = c.ticketId();
        } else if (command instanceof Command.ReportDeviceHealth c) {
            reportHealth(state, c, now, out);
        } else if (command instanceof Command.MarkDeviceOffline c) {
            state.device(c.device()).filter(d -> !DeviceStatus.OFFLINE.equals(d.status())).ifPresent(d -> out.emit(
                    new Event.DeviceHealth(now, d.id(), d.type(), DeviceStatus.OFFLINE, d.components())));
        } else if (command instanceof Command.RaiseAlert c) {
            raiseAlert(state, c, now, out);
        } else if (command instanceof Command.AcknowledgeAlert c) {
            acknowledge(state, c, now, out);
        } else if (command instanceof Command.RequestPrint c) {
            requestPrint(state, c, now, out);
            ticket = c.ticketId();
        } else if (command instanceof Command.ReportPrint c) {
            reportPrint(state, c, now, out);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        if (out.events.stream().anyMatch(QueueEngine::movesTheQueue)) {
            staffingHint(state, now, out);
        }
        return new Result(out.events, Optional.ofNullable(ticket));
    }

    /** Device health, alerts, ratings and printed slips change no one's wait. */
    private static boolean movesTheQueue(Event e) {
        return !(e instanceof Event.DeviceHealth || e instanceof Event.AlertRaised
                || e instanceof Event.AlertAcknowledged || e instanceof Event.TicketRated
                || e instanceof Event.PrintRequested || e instanceof Event.PrintFinished);
    }

    private void requestPrint(OfficeState state, Command.RequestPrint c, Instant now, Emitter out) {
        Ticket t = state.ticket(c.ticketId())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-ticket", c.ticketId()));
        if (!t.isWaiting()) {
            throw new Rejection(Kind.CONFLICT, "ticket-not-waiting", t.number());
        }
        if (state.printJob(c.jobId()).isPresent()) {
            throw new Rejection(Kind.CONFLICT, "duplicate-print-job", c.jobId());
        }
        // A second tap on the tablet while the first slip is still on its way prints one slip, not two.
        boolean offered = state.offeredPrintJobs(c.kiosk(), now).stream().anyMatch(j -> j.ticketId().equals(t.id()));
        if (!offered) {
            out.emit(new Event.PrintRequested(now, c.jobId(), t.id(), t.number(), t.service(), c.kiosk(),
                    c.actor().name()));
        }
    }

    private void reportPrint(OfficeState state, Command.ReportPrint c, Instant now, Emitter out) {
        if (!Event.PrintFinished.RESULTS.contains(c.result())) {
            throw new Rejection(Kind.INVALID, "unknown-print-result", c.result());
        }
        OfficeState.PrintJob job = state.printJob(c.jobId())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-print-job", c.jobId()));
        if (!job.kiosk().equals(c.kiosk())) {
            throw new Rejection(Kind.FORBIDDEN, "not-your-print-job", c.jobId());
        }
        if (!job.isPending()) {
            if (job.result().equals(c.result())) {
                return; // the kiosk's retry of a report whose answer it did not get
            }
            throw new Rejection(Kind.CONFLICT, "print-job-finished", job.result());
        }
        out.emit(new Event.PrintFinished(now, job.id(), job.number(), job.kiosk(), c.result(), c.reason()));
    }

    private void rate(OfficeState state, Command.RateTicket c, Instant now, Emitter out) {
        if (!Event.TicketRated.RATINGS.contains(c.rating())) {
            throw new Rejection(Kind.INVALID, "unknown-rating", c.rating());
        }
        Ticket t = state.ticket(c.ticketId())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-ticket", c.ticketId()));
        if (t.status() != TicketStatus.SERVED || t.counter() == null) {
            throw new Rejection(Kind.CONFLICT, "visit-not-ended", t.number());
        }
        if (state.rating(t.id()).isPresent()) {
            throw new Rejection(Kind.CONFLICT, "already-rated", t.number());
        }
        out.emit(new Event.TicketRated(now, t.id(), t.number(), t.service(), t.counter(), c.rating(), c.comment()));
    }

    private void reportHealth(OfficeState state, Command.ReportDeviceHealth c, Instant now, Emitter out) {
        Map<String, String> components = c.components() == null ? Map.of() : Map.copyOf(c.components());
        String status = DeviceStatus.of(components);
        Optional<OfficeState.Device> last = state.device(c.device());
        if (last.isEmpty() || !last.get().status().equals(status) || !last.get().components().equals(components)) {
            out.emit(new Event.DeviceHealth(now, c.device(), c.deviceType(), status, components));
        }
    }

    private void raiseAlert(OfficeState state, Command.RaiseAlert c, Instant now, Emitter out) {
        String source = c.device() != null ? c.device() : c.actor().name();
        boolean open = state.openAlerts().stream()
                .anyMatch(a -> a.source().equals(source) && a.place().equals(c.place()));
        if (!open) {
            out.emit(new Event.AlertRaised(now, c.alertId(), c.kind(), c.place(), c.device(),
                    c.device() != null ? null : c.actor().name()));
        }
    }

    private void acknowledge(OfficeState state, Command.AcknowledgeAlert c, Instant now, Emitter out) {
        OfficeState.Alert a = state.alert(c.alertId())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-alert", c.alertId()));
        if (!a.isOpen()) {
            throw new Rejection(Kind.CONFLICT, "alert-acknowledged", a.secondsToAcknowledge());
        }
        long seconds = Math.max(0, java.time.Duration.between(a.raisedAt(), now).toSeconds());
        out.emit(new Event.AlertAcknowledged(now, a.id(), a.kind(), a.place(), seconds, c.actor().name()));
    }

    private void rollOver(OfficeState state, Instant now, Emitter out) {
        LocalDate today = now.atZone(office.timezone()).toLocalDate();
        if (state.day().isPresent() && state.day().get().equals(today)) {
            // Today is open, or a manager closed it on purpose: only a new date opens a new day by itself.
            return;
        }
        if (state.isDayOpen()) {
            closeDay(state, whenTheDayEnded(state, now), out);
        }
        out.emit(new Event.DayOpened(now, today));
    }

    /**
     * When an office day left open ended: at its closing time (the latest end of its opening hours), or at its
     * last activity if work went on later, never after now. Not at the tick that notices the new date (past
     * midnight, or the next morning after a night with the hub down), which would count the visit still open
     * at a counter as served for hours, and yesterday's waiting tickets as waiting all night.
     */
    private Instant whenTheDayEnded(OfficeState state, Instant now) {
        LocalDate day = state.day().orElseThrow();
        Optional<Instant> closing = office.hours().on(day.getDayOfWeek()).stream()
                .map(r -> day.atTime(r.to()).atZone(office.timezone()).toInstant())
                .max(java.util.Comparator.naturalOrder());
        Optional<Instant> last = state.lastActivityAt();
        Instant ended = closing.isEmpty() ? last.orElse(now)
                : last.filter(l -> l.isAfter(closing.get())).orElse(closing.get());
        return ended.isAfter(now) ? now : ended;
    }

    private void closeDay(OfficeState state, Instant now, Emitter out) {
        for (Ticket t : List.copyOf(state.waiting())) {
            out.emit(new Event.TicketCancelled(now, t.id(), t.number(), t.service(), Event.TicketCancelled.DAY_CLOSED));
        }
        for (CounterState c : state.counters()) {
            if (c.status() != CounterStatus.CLOSED) {
                closeCounter(state, c, now, out);
            }
        }
        out.emit(new Event.DayClosed(now, state.day().orElseThrow()));
    }

    private String issue(OfficeState state, Command.IssueTicket c, Instant now, Emitter out) {
        ServiceDef service = office.service(c.service())
                .orElseThrow(() -> new Rejection(Kind.INVALID, "unknown-service", c.service()));
        Priority priority = c.priority() == null ? Priority.NONE : c.priority();
        if (priority.isPriority() && priority != Priority.APPOINTMENT && !service.priorityEligible()) {
            throw new Rejection(Kind.INVALID, "priority-not-eligible", c.service());
        }
        int number = nextNumber(state, service, c.ticketId(), now);
        WaitEstimate told = estimator.forNewTicket(state, service.id(), priority, now);
        Double rank = policy.rankAtIssue(state, service.id(), priority, null, now);
        out.emit(new Event.TicketIssued(now, c.ticketId(), number, service.id(), priority, c.channel(), c.lang(),
                null, null, told.ahead(), told.seconds(), rank, rank == null ? null : told.reserved()));
        return c.ticketId();
    }

    /** Appointments more than this late lose the booking and take an ordinary number (內政部 rule). */
    public static final java.time.Duration APPOINTMENT_GRACE = java.time.Duration.ofMinutes(15);

    private String checkIn(OfficeState state, Command.CheckIn c, Instant now, Emitter out) {
        OfficeState.Booking booking = state.booking(c.code())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-appointment"));
        if (booking.ticketId() != null) {
            throw new Rejection(Kind.CONFLICT, "appointment-used");
        }
        LocalDate today = now.atZone(office.timezone()).toLocalDate();
        if (!booking.dueAt().atZone(office.timezone()).toLocalDate().equals(today)) {
            throw new Rejection(Kind.CONFLICT, "appointment-not-today",
                    booking.dueAt().atZone(office.timezone()).toLocalDate().toString());
        }
        if (now.isAfter(booking.dueAt().plus(APPOINTMENT_GRACE))) {
            throw new Rejection(Kind.CONFLICT, "appointment-late", APPOINTMENT_GRACE.toMinutes());
        }
        ServiceDef service = office.service(booking.service()).orElseThrow();
        int number = nextNumber(state, service, c.ticketId(), now);
        WaitEstimate told = estimator.forCheckIn(state, service.id(), booking.dueAt(), now);
        Double rank = policy.rankAtIssue(state, service.id(), Priority.APPOINTMENT, booking.dueAt(), now);
        out.emit(new Event.TicketIssued(now, c.ticketId(), number, service.id(), Priority.APPOINTMENT, c.channel(),
                c.lang(), booking.dueAt(), booking.code(), told.ahead(), told.seconds(), rank,
                rank == null ? null : 0));
        return c.ticketId();
    }

    private void book(OfficeState state, Command.BookAppointments c, Instant now, Emitter out) {
        for (Command.Booking b : c.bookings()) {
            if (office.service(b.service()).isEmpty()) {
                throw new Rejection(Kind.INVALID, "unknown-service", b.service());
            }
            if (state.booking(b.code()).map(OfficeState.Booking::ticketId).isPresent()) {
                throw new Rejection(Kind.CONFLICT, "appointment-used");
            }
        }
        for (Command.Booking b : c.bookings()) {
            out.emit(new Event.AppointmentBooked(now, b.code(), b.service(), b.dueAt()));
        }
    }

    /** The next number of a service today, after the checks every new ticket passes. */
    private int nextNumber(OfficeState state, ServiceDef service, String ticketId, Instant now) {
        if (!state.isDayOpen()) {
            throw new Rejection(Kind.CONFLICT, "day-closed");
        }
        if (enforceOpeningHours) {
            ZonedDateTime local = now.atZone(office.timezone());
            if (!office.hours().isOpen(local.getDayOfWeek(), local.toLocalTime())) {
                throw new Rejection(Kind.CONFLICT, "office-closed");
            }
        }
        if (state.ticket(ticketId).isPresent()) {
            throw new Rejection(Kind.CONFLICT, "duplicate-ticket-id", ticketId);
        }
        int last = state.lastNumber(service.id());
        int number = last == 0 ? service.numbers().first() : last + 1;
        if (number > service.numbers().last()) {
            throw new Rejection(Kind.CONFLICT, "numbers-exhausted", service.id(), service.numbers().toString());
        }
        return number;
    }

    /**
     * How long a staffing hint stands at least once given, unless no newcomer would wait at all. The counters it
     * brings lower the very estimates that raised it: withdrawn as soon as they fell, the back-line reviewers
     * went back after a case or two, the queue grew again and the hint came back, over and over on a busy
     * morning, and every estimate given while they were there counted on them staying.
     */
    static final java.time.Duration HINT_HOLD = java.time.Duration.ofMinutes(30);

    /**
     * Hints to open a back-line counter when nine in ten newcomers of some service would wait longer than the
     * target, and withdraws the hint once that falls below 70% of it and the hint has stood {@link #HINT_HOLD}
     * (at once when no one would wait). The 90th percentile of a wait of k
     * departures is taken as mean × (1 + 1.28 / √k), as for a sum of k exponential gaps.
     */
    private void staffingHint(OfficeState state, Instant now, Emitter out) {
        if (targetWait == null || !state.isDayOpen()) {
            return;
        }
        long worst = 0;
        String worstService = null;
        java.util.Set<String> waitingServices = new java.util.HashSet<>();
        for (Ticket t : state.waiting()) {
            waitingServices.add(t.service());
        }
        boolean active = state.isStaffingHintActive();
        for (ServiceDef s : office.services()) {
            if (!waitingServices.contains(s.id())) {
                continue;
            }
            // A counter more cannot help a service whose every counter is open (the Turning Point's own): it does
            // not raise the hint. Once the hint stands, every service that more than one counter serves keeps it:
            // the back-line counters it opened are often the last closed ones of every service, and withdrawing
            // the hint because they are open would close them while the queue still needs them.
            if (active ? state.countersFor(s.id()).size() <= 1
                    : state.openCountersFor(s.id()).size() >= state.countersFor(s.id()).size()) {
                continue;
            }
            WaitEstimate e = estimator.forNewTicket(state, s.id(), Priority.NONE, now);
            long p90 = e.seconds() == null ? Long.MAX_VALUE
                    : Math.round(e.seconds() * (1 + 1.28 / Math.sqrt(e.ahead() + 1.0)));
            if (worstService == null || p90 > worst) {
                worst = p90;
                worstService = s.id();
            }
        }
        long target = targetWait.toSeconds();
        int open = (int) state.counters().stream().filter(CounterState::isOpen).count();
        if (!active && worst > target) {
            out.emit(new Event.StaffingHint(now, true, worstService, worst == Long.MAX_VALUE ? -1 : worst, target, open));
        } else if (active && worst < target * 7 / 10 && (worst == 0
                || !now.isBefore(state.staffingHint().map(Event.StaffingHint::at).orElse(now).plus(HINT_HOLD)))) {
            out.emit(new Event.StaffingHint(now, false, worstService, worst, target, open));
        }
    }

    private void cancel(OfficeState state, Command.CancelTicket c, Instant now, Emitter out) {
        Ticket t = state.ticket(c.ticketId())
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-ticket", c.ticketId()));
        if (!t.isWaiting()) {
            throw new Rejection(Kind.CONFLICT, "ticket-not-waiting", t.number());
        }
        out.emit(new Event.TicketCancelled(now, t.id(), t.number(), t.service(), Event.TicketCancelled.REQUESTED));
    }

    private String callNext(OfficeState state, Command.CallNext c, Instant now, Emitter out) {
        CounterState counter = actingCounter(state, c.counter(), c.actor());
        String clerk = clerkAt(state, c.counter(), c.actor());
        CounterDef def = office.counter(c.counter()).orElseThrow();
        Optional<Ticket> current = state.currentAt(c.counter());
        if (current.isPresent()) {
            long early = secondsShort(current.get(), office.counterRules().callNextGuard(), now);
            if (early > 0) {
                // A second press or a held key: finishing the current ticket here would skip a citizen.
                throw new Rejection(Kind.CONFLICT, "call-too-soon", current.get().number(), early);
            }
        }
        if (counter.status() == CounterStatus.PAUSED) {
            // Pressing call-next after a pause means the clerk is back: one button, as hardware panels need.
            out.emit(new Event.CounterOpened(now, c.counter()));
        }
        current.ifPresent(t -> out.emit(
                new Event.TicketFinished(now, t.id(), t.number(), t.service(), c.counter(), clerk)));
        Optional<Ticket> next = policy.choose(state, def, now);
        next.ifPresent(t -> out.emit(new Event.TicketCalled(now, t.id(), t.number(), t.service(), c.counter(), clerk)));
        return next.map(Ticket::id).orElse(null);
    }

    /** Whole seconds (rounded up) until {@code wait} has passed since the ticket was called; 0 once it has. */
    private static long secondsShort(Ticket t, java.time.Duration wait, Instant now) {
        if (t.calledAt() == null) {
            return 0;
        }
        java.time.Duration left = java.time.Duration.between(now, t.calledAt().plus(wait));
        if (left.isNegative() || left.isZero()) {
            return 0;
        }
        return (left.toMillis() + 999) / 1000;
    }

    private String transfer(OfficeState state, Command.Transfer c, Instant now, Emitter out) {
        if (office.service(c.toService()).isEmpty()) {
            throw new Rejection(Kind.INVALID, "unknown-service", c.toService());
        }
        Ticket t = serving(state, c.counter(), c.actor());
        if (c.toService().equals(t.service())) {
            throw new Rejection(Kind.CONFLICT, "transfer-same-service", c.toService());
        }
        out.emit(new Event.TicketTransferred(now, t.id(), t.number(), t.service(), c.toService(), c.counter(),
                clerkAt(state, c.counter(), c.actor())));
        return t.id();
    }

    private void open(OfficeState state, Command.OpenCounter c, Instant now, Emitter out) {
        CounterState counter = knownCounter(state, c.counter());
        String who = c.actor().name();
        if (c.actor().kind() != Actor.Kind.CLERK && c.actor().kind() != Actor.Kind.MANAGER) {
            throw new Rejection(Kind.FORBIDDEN, "role-forbidden");
        }
        if (c.forClerk() != null && !c.forClerk().equals(who)) {
            // Only a manager opens a counter in someone else's name, and only for a clerk of this office.
            if (c.actor().kind() != Actor.Kind.MANAGER) {
                throw new Rejection(Kind.FORBIDDEN, "role-forbidden");
            }
            boolean known = office.staff().stream().anyMatch(a -> a.username().equals(c.forClerk())
                    && a.role() == StaffAccount.StaffRole.CLERK);
            if (!known) {
                throw new Rejection(Kind.INVALID, "unknown-clerk", c.forClerk());
            }
            who = c.forClerk();
            if (counter.clerk() != null && !counter.clerk().equals(who)) {
                throw new Rejection(Kind.CONFLICT, "counter-taken", c.counter());
            }
            Optional<Integer> there = state.counterOfClerk(who).filter(n -> n != c.counter());
            if (there.isPresent()) {
                throw new Rejection(Kind.CONFLICT, "clerk-signed-in-elsewhere", who, there.get());
            }
        }
        if (counter.clerk() != null && !counter.clerk().equals(who)) {
            if (c.actor().kind() != Actor.Kind.MANAGER) {
                throw new Rejection(Kind.CONFLICT, "counter-taken", c.counter());
            }
            // A manager resuming someone's paused counter acts for the clerk there.
            who = counter.clerk();
        }
        Optional<Integer> elsewhere = state.counterOfClerk(who).filter(n -> n != c.counter());
        if (elsewhere.isPresent()) {
            throw new Rejection(Kind.CONFLICT, "signed-in-elsewhere", elsewhere.get());
        }
        if (counter.status() == CounterStatus.CLOSED) {
            out.emit(new Event.ClerkSignedIn(now, who, c.counter()));
            out.emit(new Event.CounterOpened(now, c.counter()));
        } else if (counter.status() == CounterStatus.PAUSED) {
            out.emit(new Event.CounterOpened(now, c.counter()));
        }
    }

    private void closeCounter(OfficeState state, CounterState counter, Instant now, Emitter out) {
        int n = counter.number();
        String clerk = counter.clerk();
        state.currentAt(n).ifPresent(t -> out.emit(
                new Event.TicketFinished(now, t.id(), t.number(), t.service(), n, clerk)));
        if (counter.status() != CounterStatus.CLOSED) {
            out.emit(new Event.CounterClosed(now, n));
        }
        if (clerk != null) {
            out.emit(new Event.ClerkSignedOut(now, clerk, n));
        }
    }

    private CounterState knownCounter(OfficeState state, int number) {
        return state.counter(number)
                .orElseThrow(() -> new Rejection(Kind.NOT_FOUND, "unknown-counter", number));
    }

    /** The counter an actor works at: it exists, someone is signed in, and a clerk may act only at their own. */
    private CounterState actingCounter(OfficeState state, int number, Actor actor) {
        CounterState counter = knownCounter(state, number);
        if (actor.kind() == Actor.Kind.CLERK && !actor.name().equals(counter.clerk())) {
            throw new Rejection(Kind.FORBIDDEN, "not-your-counter", number);
        }
        if (counter.status() == CounterStatus.CLOSED) {
            throw new Rejection(Kind.CONFLICT, "counter-closed", number);
        }
        return counter;
    }

    private Ticket serving(OfficeState state, int counter, Actor actor) {
        actingCounter(state, counter, actor);
        return state.currentAt(counter)
                .orElseThrow(() -> new Rejection(Kind.CONFLICT, "no-current-ticket", counter));
    }

    /** Statistics stay per clerk: a panel or a manager acts for the clerk signed in at the counter. */
    private static String clerkAt(OfficeState state, int counter, Actor actor) {
        String clerk = state.counter(counter).map(CounterState::clerk).orElse(null);
        return clerk != null ? clerk : actor.name();
    }

    /** Applies each event to the state as it is produced, so later steps see earlier ones. */
    private static final class Emitter {
        private final OfficeState state;
        private final List<Event> events = new ArrayList<>(4);

        Emitter(OfficeState state) {
            this.state = state;
        }

        void emit(Event e) {
            state.apply(e);
            events.add(e);
        }
    }
}
