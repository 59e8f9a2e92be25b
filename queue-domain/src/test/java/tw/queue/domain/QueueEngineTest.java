package tw.queue.domain;

import tw.queue.time.ManualClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.queue.config.OfficeConfig;

/** The queue's rules, on the sample office, with a clock the test moves. */
class QueueEngineTest {
    // Monday 09:00 in Taipei, hours kept.
    private final SmallOffice o = SmallOffice.sample();
    private final OfficeConfig office = o.office;
    private final ManualClock clock = o.clock;
    private final OfficeState state = o.state;
    private final List<Event> log = o.log;

    private final Actor clerk5 = new Actor(Actor.Kind.CLERK, "clerk5");
    private final Actor clerk6 = new Actor(Actor.Kind.CLERK, "clerk6");

    private QueueEngine.Result run(Command c) {
        return o.run(c);
    }

    /** A kiosk ticket; ten seconds pass, so the next one is later. */
    private Ticket issue(String service, Priority p) {
        Ticket t = o.issue(service, p, "zh-TW");
        o.seconds(10);
        return t;
    }

    private String callNext(int counter, Actor a) {
        return o.callNext(counter, a);
    }

    /** clerk5 opens counter 5 and calls the first in line. */
    private void openFiveAndCall() {
        run(new Command.OpenCounter(5, clerk5));
        callNext(5, clerk5);
    }

    /** A citizen's visit at the counter: five minutes. */
    private void serve() {
        clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void aSecondPressWithinTheGuardIsRefusedAndChangesNothing() {
        Ticket a = issue("transcript", Priority.NONE);
        Ticket b = issue("transcript", Priority.NONE);
        openFiveAndCall();
        int logged = log.size();
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> run(new Command.CallNext(5, clerk5)))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.code()).isEqualTo("call-too-soon");
                    assertThat(r.kind()).isEqualTo(Rejection.Kind.CONFLICT);
                    assertThat(r.args()).containsExactly(a.number(), 9L);
                });
        assertThat(log).hasSize(logged);
        assertThat(state.currentAt(5)).map(Ticket::id).contains(a.id());
        assertThat(state.ticket(b.id()).orElseThrow().status()).isEqualTo(TicketStatus.WAITING);
    }

    @Test
    void finishingLiftsTheGuardAtOnce() {
        issue("transcript", Priority.NONE);
        Ticket b = issue("transcript", Priority.NONE);
        openFiveAndCall();
        run(new Command.Finish(5, clerk5));
        assertThat(callNext(5, clerk5)).isEqualTo(b.id());
    }

    @Test
    void theGuardEndsAfterItsSecondsAndThePressFinishesTheCurrentTicket() {
        Ticket a = issue("transcript", Priority.NONE);
        Ticket b = issue("transcript", Priority.NONE);
        openFiveAndCall();
        clock.advance(Duration.ofMillis(9_999));
        assertThatThrownBy(() -> callNext(5, clerk5)).isInstanceOf(Rejection.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(callNext(5, clerk5)).isEqualTo(b.id());
        assertThat(state.ticket(a.id()).orElseThrow().status()).isEqualTo(TicketStatus.SERVED);
    }

    @Test
    void aNoShowWaitsForTheCitizenToWalkOver() {
        Ticket t = issue("transcript", Priority.NONE);
        openFiveAndCall();
        clock.advance(Duration.ofSeconds(12));
        assertThatThrownBy(() -> run(new Command.NoShow(5, clerk5)))
                .isInstanceOfSatisfying(Rejection.class, r -> {
                    assertThat(r.code()).isEqualTo("no-show-too-soon");
                    assertThat(r.args()).containsExactly(t.number(), 18L);
                });
        assertThat(state.ticket(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.CALLED);
        clock.advance(Duration.ofSeconds(18));
        run(new Command.NoShow(5, clerk5));
        assertThat(state.ticket(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.NO_SHOW);
    }

    @Test
    void anOfficeWithoutAGuardLetsOnePressFinishAndCallAtOnce() {
        SmallOffice unguarded = SmallOffice.sample(office.withCounterRules(tw.queue.config.CounterRules.NONE));
        Ticket a = unguarded.issue("transcript", Priority.NONE);
        unguarded.seconds(10);
        Ticket b = unguarded.issue("transcript", Priority.NONE);
        unguarded.run(new Command.OpenCounter(5, clerk5));
        unguarded.callNext(5, clerk5);
        assertThat(unguarded.callNext(5, clerk5)).isEqualTo(b.id());
        unguarded.run(new Command.NoShow(5, clerk5));
        assertThat(unguarded.state.ticket(a.id()).orElseThrow().status()).isEqualTo(TicketStatus.SERVED);
        assertThat(unguarded.state.ticket(b.id()).orElseThrow().status()).isEqualTo(TicketStatus.NO_SHOW);
    }

    @Test
    void aVisitIsRatedOnceAfterItEndedAsServed() {
        Ticket t = issue("transcript", Priority.NONE);
        openFiveAndCall();
        assertThatThrownBy(() -> run(new Command.RateTicket(t.id(), "satisfied", null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("visit-not-ended"));
        serve();
        run(new Command.Finish(5, clerk5));
        assertThatThrownBy(() -> run(new Command.RateTicket(t.id(), "great", null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("unknown-rating"));

        QueueEngine.Result r = run(new Command.RateTicket(t.id(), "neutral", "ok"));

        assertThat(r.events()).singleElement().isEqualTo(
                new Event.TicketRated(clock.instant(), t.id(), t.number(), "transcript", 5, "neutral", "ok"));
        assertThat(state.rating(t.id())).contains("neutral");
        assertThatThrownBy(() -> run(new Command.RateTicket(t.id(), "satisfied", null)))
                .isInstanceOfSatisfying(Rejection.class, x -> assertThat(x.code()).isEqualTo("already-rated"));
    }

    @Test
    void deviceHealthIsLoggedOnlyWhenItChangesAndOfflineOnce() {
        Map<String, String> ok = Map.of("printer", "ok");
        assertThat(run(new Command.ReportDeviceHealth("kiosk-1", "kiosk", ok)).events()).hasSize(1);
        assertThat(run(new Command.ReportDeviceHealth("kiosk-1", "kiosk", ok)).events()).isEmpty();
        QueueEngine.Result low = run(new Command.ReportDeviceHealth("kiosk-1", "kiosk", Map.of("printer", "paper-low")));
        assertThat(((Event.DeviceHealth) low.events().get(0)).status()).isEqualTo(DeviceStatus.WARNING);
        assertThat(state.device("kiosk-1").orElseThrow().status()).isEqualTo(DeviceStatus.WARNING);

        QueueEngine.Result silent = run(new Command.MarkDeviceOffline("kiosk-1"));
        assertThat(((Event.DeviceHealth) silent.events().get(0)).status()).isEqualTo(DeviceStatus.OFFLINE);
        assertThat(run(new Command.MarkDeviceOffline("kiosk-1")).events()).isEmpty();
        assertThat(run(new Command.MarkDeviceOffline("never-heard")).events()).isEmpty();
        assertThat(log).noneMatch(e -> e instanceof Event.StaffingHint);
    }

    @Test
    void aBellPressedTwiceRaisesOneAlertAndItsAcknowledgementTellsHowLongItTook() {
        Actor kiosk = new Actor(Actor.Kind.KIOSK, "kiosk-1");
        Actor volunteer = new Actor(Actor.Kind.VOLUNTEER, "volunteer");
        assertThat(run(new Command.RaiseAlert("a-1", "help", "entrance", "kiosk-1", kiosk)).events()).hasSize(1);
        assertThat(run(new Command.RaiseAlert("a-2", "help", "entrance", "kiosk-1", kiosk)).events()).isEmpty();
        assertThat(state.openAlerts()).extracting(OfficeState.Alert::id).containsExactly("a-1");
        clock.advance(Duration.ofSeconds(75));

        QueueEngine.Result ack = run(new Command.AcknowledgeAlert("a-1", volunteer));

        assertThat(((Event.AlertAcknowledged) ack.events().get(0)).secondsToAcknowledge()).isEqualTo(75);
        assertThat(state.openAlerts()).isEmpty();
        assertThatThrownBy(() -> run(new Command.AcknowledgeAlert("a-1", volunteer)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("alert-acknowledged"));
        assertThatThrownBy(() -> run(new Command.AcknowledgeAlert("a-9", volunteer)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.kind()).isEqualTo(Rejection.Kind.NOT_FOUND));
        assertThat(run(new Command.RaiseAlert("a-3", "help", "entrance", "kiosk-1", kiosk)).events()).hasSize(1);
    }

    @Test
    void aSlipSentToAKioskIsOfferedOncePrintedOnceAndExpiresIfNoKioskTakesIt() {
        Actor volunteer = new Actor(Actor.Kind.VOLUNTEER, "volunteer");
        Ticket t = issue("transcript", Priority.ELDERLY);

        assertThat(run(new Command.RequestPrint("p-1", t.id(), "kiosk-1", volunteer)).events()).hasSize(1);
        assertThat(run(new Command.RequestPrint("p-2", t.id(), "kiosk-1", volunteer)).events())
                .as("a second tap while the first slip is on its way").isEmpty();
        assertThat(state.offeredPrintJobs("kiosk-1", clock.instant())).extracting(OfficeState.PrintJob::id)
                .containsExactly("p-1");
        assertThat(state.offeredPrintJobs("kiosk-2", clock.instant())).isEmpty();

        assertThatThrownBy(() -> run(new Command.ReportPrint("p-1", "kiosk-2", "printed", null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("not-your-print-job"));
        assertThat(run(new Command.ReportPrint("p-1", "kiosk-1", "printed", null)).events()).hasSize(1);
        assertThat(run(new Command.ReportPrint("p-1", "kiosk-1", "printed", null)).events())
                .as("the kiosk's retry after a lost answer").isEmpty();
        assertThatThrownBy(() -> run(new Command.ReportPrint("p-1", "kiosk-1", "failed", "paper-out")))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("print-job-finished"));
        assertThat(state.offeredPrintJobs("kiosk-1", clock.instant())).isEmpty();
        assertThat(state.printJob("p-1").orElseThrow().status(clock.instant())).isEqualTo("printed");

        run(new Command.RequestPrint("p-3", t.id(), "kiosk-1", volunteer));
        clock.advance(OfficeState.PrintJob.OFFERED_FOR);
        assertThat(state.offeredPrintJobs("kiosk-1", clock.instant())).as("too late to be of use").isEmpty();
        assertThat(state.printJob("p-3").orElseThrow().status(clock.instant())).isEqualTo("expired");

        run(new Command.CancelTicket(t.id(), volunteer));
        assertThatThrownBy(() -> run(new Command.RequestPrint("p-4", t.id(), "kiosk-1", volunteer)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("ticket-not-waiting"));
        assertThat(OfficeState.fold(office, log).printJob("p-1")).isEqualTo(state.printJob("p-1"));
    }

    @Test
    void aTicketIsIssuedCalledAndServed() {
        Ticket t = issue("transcript", Priority.NONE);
        assertThat(t.number()).isEqualTo(2001);
        assertThat(t.status()).isEqualTo(TicketStatus.WAITING);

        run(new Command.OpenCounter(5, clerk5));
        assertThat(callNext(5, clerk5)).isEqualTo(t.id());
        assertThat(state.ticket(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.CALLED);
        assertThat(state.currentAt(5)).map(Ticket::id).contains(t.id());

        run(new Command.Finish(5, clerk5));
        Ticket served = state.ticket(t.id()).orElseThrow();
        assertThat(served.status()).isEqualTo(TicketStatus.SERVED);
        assertThat(served.finishedAt()).isNotNull();
        assertThat(state.currentAt(5)).isEmpty();
    }

    @Test
    void callNextFinishesTheOpenTicketFirst() {
        Ticket a = issue("transcript", Priority.NONE);
        Ticket b = issue("transcript", Priority.NONE);
        openFiveAndCall();
        clock.advance(office.counterRules().callNextGuard());
        QueueEngine.Result r = run(new Command.CallNext(5, clerk5));
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(0)).isInstanceOf(Event.TicketFinished.class);
        assertThat(state.ticket(a.id()).orElseThrow().status()).isEqualTo(TicketStatus.SERVED);
        assertThat(r.ticketId()).contains(b.id());
    }

    @Test
    void callNextWithNothingWaitingCallsNoOne() {
        run(new Command.OpenCounter(5, clerk5));
        assertThat(callNext(5, clerk5)).isNull();
    }

    @Test
    void priorityClassesGoFirstThenTheLongestWaiting() {
        Ticket first = issue("transcript", Priority.NONE);
        Ticket second = issue("transcript", Priority.NONE);
        Ticket elderly = issue("transcript", Priority.ELDERLY);
        run(new Command.OpenCounter(5, clerk5));
        assertThat(callNext(5, clerk5)).isEqualTo(elderly.id());
        serve();
        assertThat(callNext(5, clerk5)).isEqualTo(first.id());
        serve();
        assertThat(callNext(5, clerk5)).isEqualTo(second.id());
    }

    @Test
    void aCounterCallsOnlyServicesItMayServe() {
        issue("turning", Priority.NONE);
        Ticket transcript = issue("transcript", Priority.NONE);
        run(new Command.OpenCounter(5, clerk5));
        assertThat(office.counter(5).orElseThrow().serves("turning")).isFalse();
        assertThat(callNext(5, clerk5)).isEqualTo(transcript.id());
        serve();
        assertThat(callNext(5, clerk5)).isNull();
    }

    @Test
    void numbersArePerServiceAndNeverGivenTwiceInADay() {
        Set<Integer> transcript = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertThat(transcript.add(issue("transcript", Priority.NONE).number())).isTrue();
        }
        assertThat(issue("passport", Priority.NONE).number()).isEqualTo(5001);
        assertThat(transcript).allMatch(n -> n >= 2001 && n <= 2050);
    }

    @Test
    void aClosedAndReopenedDayKeepsCountingItsNumbers() {
        issue("transcript", Priority.NONE);
        run(new Command.CloseDay());
        assertThat(state.isDayOpen()).isFalse();
        run(new Command.Tick());
        assertThat(state.isDayOpen()).as("a tick on the same date leaves a closed day closed").isFalse();
        assertThatThrownBy(() -> run(new Command.IssueTicket("late", "transcript", Priority.NONE, Channel.KIOSK, null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("day-closed"));
        run(new Command.OpenDay());
        assertThat(issue("transcript", Priority.NONE).number()).isEqualTo(2002);
    }

    @Test
    void aNewDayStartsNumbersAgainAndEndsYesterdaysWaitingTicketsAsNotServed() {
        Ticket waiting = issue("transcript", Priority.NONE);
        run(new Command.OpenCounter(5, clerk5));
        clock.advance(Duration.ofDays(1));
        run(new Command.Tick());
        assertThat(log).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Event.TicketCancelled.class,
                c -> assertThat(c.reason()).isEqualTo(Event.TicketCancelled.DAY_CLOSED)));
        assertThat(log).filteredOn(e -> e instanceof Event.DayClosed).hasSize(1);
        assertThat(state.ticket(waiting.id())).isEmpty();
        assertThat(state.counter(5).orElseThrow().status()).isEqualTo(CounterStatus.CLOSED);
        assertThat(issue("transcript", Priority.NONE).number()).isEqualTo(2001);
    }

    @Test
    void aDayLeftOpenOvernightEndsAtItsClosingTimeNotWhenTheNextTickCame() {
        issue("transcript", Priority.NONE);
        Ticket waiting = issue("transcript", Priority.NONE);
        openFiveAndCall();
        java.time.Instant closing = clock.instant().atZone(office.timezone()).toLocalDate()
                .atTime(17, 0).atZone(office.timezone()).toInstant();
        clock.advance(Duration.ofHours(23)); // the hub was off all night; the next morning's first tick
        run(new Command.Tick());
        assertThat(log).filteredOn(e -> e instanceof Event.TicketFinished).singleElement()
                .satisfies(e -> assertThat(e.at()).as("the visit at counter 5").isEqualTo(closing));
        assertThat(log).filteredOn(e -> e instanceof Event.TicketCancelled c && c.ticketId().equals(waiting.id()))
                .singleElement().satisfies(e -> assertThat(e.at()).isEqualTo(closing));
        assertThat(log).filteredOn(e -> e instanceof Event.DayClosed).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(closing));
        assertThat(log).filteredOn(e -> e instanceof Event.DayOpened).last()
                .satisfies(e -> assertThat(e.at()).isEqualTo(clock.instant()));
    }

    @Test
    void workGoingOnPastClosingTimeEndsTheDayAtItsLastActivity() {
        issue("transcript", Priority.NONE);
        clock.advance(Duration.ofHours(9)); // 18:00, an hour after closing (the opening hours say when to issue, not to call)
        openFiveAndCall();
        java.time.Instant lastCall = clock.instant();
        clock.advance(Duration.ofHours(8));
        run(new Command.Tick());
        assertThat(log).filteredOn(e -> e instanceof Event.DayClosed).singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(lastCall));
    }

    @Test
    void closingTheDayEndsWaitingTicketsAsNotServed() {
        Ticket waiting = issue("transcript", Priority.NONE);
        run(new Command.CloseDay());
        assertThat(state.ticket(waiting.id()).orElseThrow().status()).isEqualTo(TicketStatus.NOT_SERVED);
    }

    @Test
    void transferKeepsTheNumberAndTheOriginalIssueTime() {
        Ticket early = issue("transcript", Priority.NONE);
        clock.advance(Duration.ofMinutes(5));
        Ticket laterRegistration = issue("registration", Priority.NONE);
        openFiveAndCall();
        run(new Command.Transfer(5, "registration", clerk5));

        Ticket moved = state.ticket(early.id()).orElseThrow();
        assertThat(moved.status()).isEqualTo(TicketStatus.WAITING);
        assertThat(moved.service()).isEqualTo("registration");
        assertThat(moved.number()).isEqualTo(early.number());
        assertThat(moved.queuedSince()).isEqualTo(early.issuedAt());
        assertThat(state.currentAt(5)).isEmpty();

        // It was there first, so it is called before the registration ticket taken after it.
        run(new Command.OpenCounter(7, new Actor(Actor.Kind.CLERK, "clerk7")));
        assertThat(callNext(7, new Actor(Actor.Kind.CLERK, "clerk7"))).isEqualTo(early.id());
        serve();
        assertThat(callNext(7, new Actor(Actor.Kind.CLERK, "clerk7"))).isEqualTo(laterRegistration.id());
    }

    @Test
    void recallAndNoShowActOnTheCurrentTicket() {
        Ticket t = issue("transcript", Priority.NONE);
        openFiveAndCall();
        run(new Command.Recall(5, clerk5));
        assertThat(state.ticket(t.id()).orElseThrow().recalls()).isEqualTo(1);
        clock.advance(office.counterRules().noShowAfter());
        run(new Command.NoShow(5, clerk5));
        assertThat(state.ticket(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.NO_SHOW);
        assertThatThrownBy(() -> run(new Command.Recall(5, clerk5)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("no-current-ticket"));
    }

    @Test
    void aClerkActsOnlyAtTheCounterSignedInTo() {
        issue("transcript", Priority.NONE);
        run(new Command.OpenCounter(5, clerk5));
        assertThatThrownBy(() -> run(new Command.CallNext(6, clerk5)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("not-your-counter"));
        assertThatThrownBy(() -> run(new Command.OpenCounter(6, clerk5)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("signed-in-elsewhere"));
        assertThatThrownBy(() -> run(new Command.OpenCounter(5, clerk6)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("counter-taken"));
    }

    @Test
    void aPanelActsForTheClerkSignedInAtItsCounter() {
        issue("transcript", Priority.NONE);
        Actor panel = new Actor(Actor.Kind.PANEL, "panel-5");
        assertThatThrownBy(() -> run(new Command.CallNext(5, panel)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("counter-closed"));
        run(new Command.OpenCounter(5, clerk5));
        QueueEngine.Result r = run(new Command.CallNext(5, panel));
        assertThat(r.events()).singleElement().isInstanceOfSatisfying(Event.TicketCalled.class,
                c -> assertThat(c.clerk()).isEqualTo("clerk5"));
    }

    @Test
    void pauseStopsCallsAndCallNextResumes() {
        issue("transcript", Priority.NONE);
        run(new Command.OpenCounter(5, clerk5));
        run(new Command.PauseCounter(5, clerk5));
        assertThat(state.counter(5).orElseThrow().status()).isEqualTo(CounterStatus.PAUSED);
        assertThat(callNext(5, clerk5)).isNotNull();
        assertThat(state.counter(5).orElseThrow().status()).isEqualTo(CounterStatus.OPEN);
    }

    @Test
    void closingACounterFinishesItsTicketAndSignsTheClerkOut() {
        Ticket t = issue("transcript", Priority.NONE);
        openFiveAndCall();
        run(new Command.CloseCounter(5, clerk5));
        assertThat(state.ticket(t.id()).orElseThrow().status()).isEqualTo(TicketStatus.SERVED);
        assertThat(state.counterOfClerk("clerk5")).isEmpty();
        run(new Command.OpenCounter(6, clerk5));
        assertThat(state.counter(6).orElseThrow().clerk()).isEqualTo("clerk5");
    }

    @Test
    void rejectedCommandsChangeNothing() {
        issue("transcript", Priority.NONE);
        OfficeState before = state.copy();
        int events = log.size();
        List<Command> bad = List.of(
                new Command.IssueTicket("x", "pasport", Priority.NONE, Channel.KIOSK, null),
                new Command.IssueTicket("y", "appointment", Priority.ELDERLY, Channel.KIOSK, null),
                new Command.CallNext(99, clerk5),
                new Command.CallNext(5, clerk5),
                new Command.Finish(5, clerk5),
                new Command.CancelTicket("nope", clerk5));
        for (Command c : bad) {
            assertThatThrownBy(() -> run(c)).isInstanceOf(Rejection.class);
        }
        assertThat(log).hasSize(events);
        assertThat(state.tickets()).containsExactlyInAnyOrderElementsOf(before.tickets());
        assertThat(state.counters()).isEqualTo(before.counters());
    }

    @Test
    void outsideOpeningHoursNoTicketIsGiven() {
        clock.advance(Duration.ofHours(10)); // 19:00 Monday in Taipei
        assertThatThrownBy(() -> run(new Command.IssueTicket("late", "transcript", Priority.NONE, Channel.KIOSK, null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("office-closed"));
    }

    @Test
    void theStateIsTheFoldOfItsEvents() {
        issue("transcript", Priority.NONE);
        issue("passport", Priority.DISABILITY);
        openFiveAndCall();
        run(new Command.Transfer(5, "seal", clerk5));
        callNext(5, clerk5);
        OfficeState folded = OfficeState.fold(office, log);
        assertThat(folded.tickets()).containsExactlyInAnyOrderElementsOf(state.tickets());
        assertThat(folded.counters()).isEqualTo(state.counters());
        assertThat(folded.waiting()).containsExactlyElementsOf(state.waiting());
    }
}
