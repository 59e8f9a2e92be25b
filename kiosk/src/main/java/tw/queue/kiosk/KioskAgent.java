package tw.queue.kiosk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.device.escpos.PrinterStatus;
import tw.queue.device.gpio.Button;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.gpio.Led;
import tw.queue.device.gpio.PressFilter;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HealthReporter;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubEvent;
import tw.queue.hubclient.HubReply;
import tw.queue.hubclient.HubUnreachable;
import tw.queue.hubclient.Background;

/**
 * The ticket dispenser: one button per service, each with its LED; a press takes a number at the hub and
 * prints its slip. The printer's status is asked before and after every slip: a printer that cannot print
 * means no number is taken, and a slip that did not come out has its number cancelled at the hub, so no ghost
 * number waits. Faults blink the LEDs and go to the hub as health; while the hub is unreachable nothing is
 * printed and the LEDs blink until it is back. The optional help bell raises an alert.
 *
 * <p>It also prints the slips volunteers send it (print jobs of numbers taken for someone on the tablet): it
 * fetches them when the stream names it in {@code print.requested}, when its link comes back and every few
 * seconds; it prints each job once (it remembers the jobs it finished) and reports the result until the hub has
 * it, so a Wi-Fi drop between printing and reporting neither loses the report nor prints the slip twice.
 *
 * <p>All hardware and hub work runs on one worker thread, in press order; GPIO callbacks only queue work.
 */
public final class KioskAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KioskAgent.class.getName());
    public static final String AGENT = "kiosk 0.1.0";
    static final long DEBOUNCE_MS = 30;
    static final long LOCKOUT_MS = 1500;
    static final int PER_MINUTE = 10;
    static final long FAULT_BLINK_MS = 3000;
    static final long STATUS_POLL_SECONDS = 10;
    /** How often print jobs are fetched without a hint from the stream (a missed event, a silent link). */
    static final long PRINT_POLL_SECONDS = 5;
    /** Enough finished jobs remembered to cover any the hub may still offer (it offers each for two minutes). */
    private static final int FINISHED_REMEMBERED = 500;

    private final OfficeConfig office;
    private final DeviceDef device;
    private final HubClient hub;
    private final Gpio gpio;
    private final TicketPrinter printer;
    private final String publicBase;
    private final HealthReporter health;
    private final EventFollower follower;
    private final Map<String, Led> leds = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "kiosk-worker"));
    private final ScheduledExecutorService poller = Background.scheduler("kiosk-status");
    private final AtomicInteger printed = new AtomicInteger();
    private final AtomicInteger jobsPrinted = new AtomicInteger();
    /** Jobs this kiosk finished (printed or failed), oldest first; touched on the worker thread only. */
    private final Map<String, Report> finishedJobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Report> eldest) {
            return size() > FINISHED_REMEMBERED;
        }
    };

    /** How a print job ended, and whether the hub has been told. */
    private static final class Report {
        final String result;
        final String reason;
        boolean told;

        Report(String result, String reason) {
            this.result = result;
            this.reason = reason;
        }
    }
    private volatile PrinterStatus printerStatus = PrinterStatus.OK;
    private volatile boolean hubUp;

    public KioskAgent(OfficeConfig office, DeviceDef device, HubClient hub, Gpio gpio, TicketPrinter printer) {
        this.office = office;
        this.device = device;
        this.hub = hub;
        this.gpio = gpio;
        this.printer = printer;
        this.publicBase = device.printer().publicUrl() != null ? device.printer().publicUrl() : hub.base().toString();
        this.health = new HealthReporter(hub, device.id(), AGENT);
        for (DeviceDef.ServiceButton b : device.buttons()) {
            if (b.ledPin() != null) {
                leds.put(b.service(), new Led(gpio, b.ledPin(), b.service() + "-led"));
            }
            new Button(gpio, b.pin(), b.service(), filter(), () -> worker.execute(() -> press(b.service())));
        }
        if (device.helpBellPin() != null) {
            new Button(gpio, device.helpBellPin(), "help-bell", filter(), () -> worker.execute(this::helpBell));
        }
        this.follower = new EventFollower(hub, new EventFollower.Listener() {
            @Override
            public void onSnapshot(JsonNode queue) {
            }

            @Override
            public void onEvent(HubEvent event) {
                if (event.type().equals("print.requested") && device.id().equals(event.data().path("kiosk").asText())) {
                    worker.execute(KioskAgent.this::printJobs);
                }
            }

            @Override
            public void onLink(boolean up) {
                worker.execute(() -> hubLink(up));
            }
        });
    }

    private static PressFilter filter() {
        return new PressFilter(System::currentTimeMillis, DEBOUNCE_MS, LOCKOUT_MS, PER_MINUTE);
    }

    public KioskAgent start() {
        health.set("gpio", "ok");
        worker.execute(() -> {
            updatePrinter(printer.status());
            showLeds();
        });
        health.start();
        follower.start();
        poller.scheduleWithFixedDelay(() -> worker.execute(() -> {
            updatePrinter(printer.status());
            showLeds();
        }), STATUS_POLL_SECONDS, STATUS_POLL_SECONDS, TimeUnit.SECONDS);
        poller.scheduleWithFixedDelay(() -> worker.execute(this::printJobs),
                PRINT_POLL_SECONDS, PRINT_POLL_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** One press of a service's button: a number and its slip, or nothing and a blinking LED. */
    void press(String service) {
        // The stream's link state only drives the LEDs: a press always asks the hub, which may already be back
        // while the stream is still reconnecting; a hub that does not answer means nothing is printed.
        PrinterStatus before = printer.status();
        updatePrinter(before);
        if (!before.canPrint()) {
            blink(service, "printer " + before.wire() + "; no number taken");
            return;
        }
        HubReply reply;
        try {
            reply = hub.issueTicket(service, "zh-TW");
        } catch (HubUnreachable e) {
            blink(service, "hub unreachable: " + e.getMessage());
            return;
        }
        if (reply.status() != 201) {
            blink(service, "hub refused the ticket: " + reply);
            return;
        }
        JsonNode t = reply.body();
        boolean sent = printer.print(SlipEncoder.encode(slipOf(t, service), device.printer()));
        PrinterStatus after = printer.status();
        updatePrinter(after);
        if (!sent || !after.canPrint()) {
            cancel(t.path("id").asText(), t.path("number").asInt(), sent ? after.wire() : "write failed");
            blink(service, "slip not printed");
            return;
        }
        printed.incrementAndGet();
        LOG.info(() -> "printed " + t.path("number").asInt() + " for " + service);
    }

    /** The slip of a ticket as the hub answers it (a press's new ticket, or a print job's). */
    private Slip slipOf(JsonNode t, String service) {
        return Slip.of(office, new Slip.Ticket(t.path("id").asText(), t.path("number").asInt(),
                t.path("service").asText(service), t.path("ahead").asInt(),
                t.path("estimatedWaitSeconds").isNumber() ? t.path("estimatedWaitSeconds").asLong() : null,
                t.hasNonNull("issuedAt") ? Instant.parse(t.path("issuedAt").asText()) : Instant.now()), publicBase);
    }

    /** Reports what the hub has not heard yet, then prints the jobs it offers that this kiosk has not finished. */
    void printJobs() {
        try {
            tellHub();
            HubReply reply = hub.printJobs(device.id());
            if (!reply.ok()) {
                LOG.warning("print jobs: the hub answered " + reply);
                return;
            }
            for (JsonNode job : reply.body()) {
                String id = job.path("job").asText();
                if (!finishedJobs.containsKey(id)) {
                    finishedJobs.put(id, printJob(id, job.path("ticket")));
                }
            }
            tellHub();
        } catch (HubUnreachable e) {
            // Fetched again when the link is back; unreported results are kept until then.
        }
    }

    private Report printJob(String job, JsonNode ticket) {
        int number = ticket.path("number").asInt();
        PrinterStatus before = printer.status();
        updatePrinter(before);
        if (!before.canPrint()) {
            LOG.warning("print job " + job + " (" + number + "): printer " + before.wire());
            showLeds();
            return new Report("failed", before.wire());
        }
        boolean sent = printer.print(SlipEncoder.encode(slipOf(ticket, ticket.path("service").asText()), device.printer()));
        PrinterStatus after = printer.status();
        updatePrinter(after);
        showLeds();
        if (!sent || !after.canPrint()) {
            // The number stays valid: the volunteer's tablet shows it large, and can send it again.
            LOG.warning("print job " + job + " (" + number + ") not printed: " + (sent ? after.wire() : "write failed"));
            return new Report("failed", sent ? after.wire() : "write-failed");
        }
        jobsPrinted.incrementAndGet();
        LOG.info(() -> "printed " + number + " for a volunteer (job " + job + ")");
        return new Report("printed", null);
    }

    /** Sends every result the hub has not acknowledged; a refusal (the job gone, or finished) counts as told. */
    private void tellHub() throws HubUnreachable {
        for (Map.Entry<String, Report> e : finishedJobs.entrySet()) {
            Report r = e.getValue();
            if (r.told) {
                continue;
            }
            HubReply reply = hub.reportPrintJob(device.id(), e.getKey(), r.result, r.reason);
            if (reply.status() >= 500) {
                LOG.warning("print job " + e.getKey() + ": the hub answered " + reply + "; told again later");
                continue;
            }
            if (!reply.ok()) {
                LOG.warning("print job " + e.getKey() + ": the hub refused the result: " + reply);
            }
            r.told = true;
        }
    }

    private void cancel(String ticketId, int number, String why) {
        try {
            HubReply r = hub.cancelTicket(ticketId);
            LOG.warning("slip of " + number + " not printed (" + why + "); cancelled at the hub: " + r.status());
        } catch (HubUnreachable e) {
            LOG.warning("slip of " + number + " not printed (" + why + ") and the hub could not be told: " + e);
        }
    }

    private void helpBell() {
        try {
            HubReply r = hub.raiseAlert("help", "entrance");
            if (!r.ok()) {
                LOG.warning("help bell: the hub answered " + r);
                leds.values().forEach(l -> l.blink(FAULT_BLINK_MS));
            } else {
                LOG.info("help bell: alert raised");
            }
        } catch (HubUnreachable e) {
            LOG.warning("help bell: hub unreachable");
            leds.values().forEach(l -> l.blink(FAULT_BLINK_MS));
        }
    }

    private void hubLink(boolean up) {
        hubUp = up;
        LOG.info(up ? "hub link up" : "hub link down; nothing is printed until it is back");
        if (up) {
            health.resend();
            printJobs();
        }
        showLeds();
    }

    private void updatePrinter(PrinterStatus s) {
        printerStatus = s;
        health.set("printer", s.wire());
    }

    /** Steady on while a press can give a slip; blinking while the hub or the printer cannot. */
    private void showLeds() {
        boolean usable = hubUp && printerStatus.canPrint();
        for (Led l : leds.values()) {
            if (usable) {
                l.set(true);
            } else if (!l.isBlinking()) {
                l.blink(0);
            }
        }
    }

    private void blink(String service, String why) {
        LOG.warning(service + ": " + why);
        Led l = leds.get(service);
        if (l != null && hubUp && printerStatus.canPrint()) {
            l.blink(FAULT_BLINK_MS);
        }
        showLeds();
    }

    /** Simulated only: presses the button of {@code service}, or the help bell for "bell". */
    public boolean pressFromConsole(String word) {
        if (word.equals("bell") || word.equals("help")) {
            if (device.helpBellPin() == null) {
                return false;
            }
            gpio.press(device.helpBellPin());
            return true;
        }
        return device.buttons().stream().filter(b -> b.service().equals(word)).findFirst().map(b -> {
            gpio.press(b.pin());
            return true;
        }).orElse(false);
    }

    public int printed() {
        return printed.get();
    }

    /** Slips printed for print jobs (numbers volunteers took), as opposed to button presses. */
    public int jobsPrinted() {
        return jobsPrinted.get();
    }

    public boolean hubUp() {
        return hubUp;
    }

    public PrinterStatus printerStatus() {
        return printerStatus;
    }

    public Map<String, Led> leds() {
        return Map.copyOf(leds);
    }

    public HealthReporter health() {
        return health;
    }

    /** Fetches print jobs now, as the periodic poll would (tests: then {@link #drain()}). */
    void fetchPrintJobsNow() {
        worker.execute(this::printJobs);
    }

    /** Waits until every queued press has been handled (tests). */
    public void drain() throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        worker.execute(done::countDown);
        done.await(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        follower.close();
        poller.shutdownNow();
        worker.shutdownNow();
        health.close();
    }
}
