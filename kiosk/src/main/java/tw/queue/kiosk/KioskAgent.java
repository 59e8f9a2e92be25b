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
        Slip slip = Slip.of(office, new Slip.Ticket(t.path("id").asText(), t.path("number").asInt(),
                t.path("service").asText(service), t.path("ahead").asInt(),
                t.path("estimatedWaitSeconds").isNumber() ? t.path("estimatedWaitSeconds").asLong() : null,
                t.hasNonNull("issuedAt") ? Instant.parse(t.path("issuedAt").asText()) : Instant.now()), publicBase);
        boolean sent = printer.print(SlipEncoder.encode(slip, device.printer()));
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
