package tw.queue.counterterminal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import tw.queue.config.DeviceDef;
import tw.queue.config.DeviceDef.PanelButton;
import tw.queue.config.DeviceDef.Rating;
import tw.queue.device.agent.AgentMessages;
import tw.queue.device.gpio.Button;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.gpio.Led;
import tw.queue.device.gpio.PressFilter;
import tw.queue.device.modbus.DisplayRegisters;
import tw.queue.device.modbus.ModbusMaster;
import tw.queue.domain.Event;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HealthReporter;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubEvent;
import tw.queue.hubclient.HubReply;
import tw.queue.hubclient.HubUnreachable;
import tw.queue.hubclient.Background;

/**
 * The hardware call buttons of one or more counters and the number display above each. Presses act at the hub
 * with the panel's token; what the displays show follows the hub's event stream (so a call made on /counter
 * shows too): the current number, blinking for a while on a recall, blank when the counter closes. A refusal
 * (409, e.g. call-too-soon) or an unreachable hub blinks the busy LED. A display that does not answer is
 * reported in the health report, never fatal. The optional satisfaction box rates the ticket just served.
 *
 * <p>All hub and serial work runs on one worker thread, in order; GPIO callbacks and the stream only queue work.
 */
public final class CounterAgent implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CounterAgent.class.getName());
    public static final String AGENT = "counter-terminal 0.1.0";
    static final long DEBOUNCE_MS = 30;
    static final long LOCKOUT_MS = 500;
    static final int PER_MINUTE = 30;
    static final long RECALL_BLINK_MS = 5000;
    static final long REFUSAL_BLINK_MS = 2000;
    static final long REFRESH_SECONDS = 10;

    /** What the agent knows of one counter. */
    private static final class Counter {
        final DeviceDef.CounterPanel panel;
        final CounterDisplay display;
        final Led busy;
        String currentTicketId;
        String lastServedTicketId;
        boolean serving;
        ScheduledFuture<?> recallEnd;

        Counter(DeviceDef.CounterPanel panel, CounterDisplay display, Led busy) {
            this.panel = panel;
            this.display = display;
            this.busy = busy;
        }
    }

    private final DeviceDef device;
    private final HubClient hub;
    private final Gpio gpio;
    private final HealthReporter health;
    private final EventFollower follower;
    private final Map<Integer, Counter> counters = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "counter-worker"));
    private final ScheduledExecutorService timer = Background.scheduler("counter-timer");
    private volatile boolean hubUp;
    private volatile HubReply lastReply;

    public CounterAgent(DeviceDef device, HubClient hub, Gpio gpio, ModbusMaster bus) {
        this.device = device;
        this.hub = hub;
        this.gpio = gpio;
        this.health = new HealthReporter(hub, device.id(), AGENT);
        for (DeviceDef.CounterPanel p : device.panels()) {
            Led busy = p.busyLedPin() == null ? null : new Led(gpio, p.busyLedPin(), "busy-" + p.counter());
            Counter c = new Counter(p, new CounterDisplay(p.counter(), p.displayAddress(), device.display(), bus), busy);
            counters.put(p.counter(), c);
            p.buttons().forEach((button, pin) -> new Button(gpio, pin, wire(button) + "-" + p.counter(), filter(),
                    () -> worker.execute(() -> act(c, button))));
            p.ratingPins().forEach((rating, pin) -> new Button(gpio, pin, wire(rating) + "-" + p.counter(), filter(),
                    () -> worker.execute(() -> rate(c, rating))));
        }
        this.follower = new EventFollower(hub, new EventFollower.Listener() {
            @Override
            public void onSnapshot(JsonNode queue) {
                worker.execute(() -> snapshot(queue));
            }

            @Override
            public void onEvent(HubEvent event) {
                worker.execute(() -> event(event));
            }

            @Override
            public void onLink(boolean up) {
                hubUp = up;
                LOG.info(up ? "hub link up" : "hub link down");
                if (up) {
                    health.resend();
                }
            }
        });
    }

    private static PressFilter filter() {
        return new PressFilter(System::currentTimeMillis, DEBOUNCE_MS, LOCKOUT_MS, PER_MINUTE);
    }

    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public CounterAgent start() {
        health.set("gpio", "ok");
        worker.execute(() -> counters.values().forEach(c -> {
            c.display.show(DisplayRegisters.Mode.BLANK, null);
            reportDisplay(c);
        }));
        health.start();
        follower.start();
        timer.scheduleWithFixedDelay(() -> worker.execute(this::refreshDisplays), REFRESH_SECONDS, REFRESH_SECONDS,
                TimeUnit.SECONDS);
        return this;
    }

    // --- presses -----------------------------------------------------------------------------------------------

    private void act(Counter c, PanelButton button) {
        int n = c.panel.counter();
        HubReply r;
        try {
            r = hub.counterAction(n, wire(button));
        } catch (HubUnreachable e) {
            refuse(c, wire(button) + ": hub unreachable");
            return;
        }
        lastReply = r;
        if (r.status() == 204) {
            refuse(c, "call-next: nobody is waiting for counter " + n);
            return;
        }
        if (!r.ok()) {
            refuse(c, wire(button) + " refused: " + r.status() + " " + r.error() + " " + r.message());
            return;
        }
        switch (button) {
            case CALL_NEXT -> {
                if (c.currentTicketId != null) {
                    c.lastServedTicketId = c.currentTicketId; // call-next finishes the open ticket as served
                }
                JsonNode t = r.body().path("ticket");
                c.currentTicketId = t.path("id").asText(null);
                showCalled(c, t.path("number").asInt());
            }
            case FINISH -> {
                c.lastServedTicketId = c.currentTicketId;
                c.currentTicketId = null;
                setBusy(c, false);
            }
            case NO_SHOW -> {
                c.currentTicketId = null;
                setBusy(c, false);
            }
            case RECALL, PAUSE -> { }
        }
    }

    private void rate(Counter c, Rating rating) {
        String ticketId = c.lastServedTicketId != null ? c.lastServedTicketId : lastServedFromHub(c);
        if (ticketId == null) {
            refuse(c, "rating: no ticket served at counter " + c.panel.counter() + " yet");
            return;
        }
        try {
            HubReply r = hub.rate(ticketId, wire(rating));
            lastReply = r;
            if (r.ok()) {
                c.lastServedTicketId = null; // once per ticket
                LOG.info("counter " + c.panel.counter() + ": rated " + wire(rating));
            } else {
                refuse(c, "rating refused: " + r.status() + " " + r.error());
            }
        } catch (HubUnreachable e) {
            refuse(c, "rating: hub unreachable");
        }
    }

    /** After a restart of the agent, the hub knows which ticket was served last here. */
    private String lastServedFromHub(Counter c) {
        try {
            HubReply r = hub.counter(c.panel.counter());
            return r.ok() ? r.body().path("lastFinished").path("id").asText(null) : null;
        } catch (HubUnreachable e) {
            return null;
        }
    }

    private void refuse(Counter c, String why) {
        LOG.warning("counter " + c.panel.counter() + ": " + why);
        if (c.busy != null) {
            c.busy.blink(REFUSAL_BLINK_MS);
        }
    }

    // --- what the hub says ---------------------------------------------------------------------------------

    private void snapshot(JsonNode queue) {
        for (JsonNode counter : queue.path("counters")) {
            Counter c = counters.get(counter.path("number").asInt());
            if (c == null) {
                continue;
            }
            String status = counter.path("status").asText();
            JsonNode current = counter.path("current");
            if (status.equals("closed")) {
                blank(c);
            } else if (current.isObject()) {
                showCalled(c, current.path("number").asInt());
            }
        }
    }

    private void event(HubEvent e) {
        Optional<Event> typed = e.event();
        if (typed.isEmpty()) {
            return;
        }
        Event ev = typed.get();
        if (ev instanceof Event.TicketCalled t) {
            on(t.counter(), c -> showCalled(c, t.number()));
        } else if (ev instanceof Event.TicketRecalled t) {
            on(t.counter(), c -> recall(c, t.number()));
        } else if (ev instanceof Event.TicketFinished t) {
            on(t.counter(), c -> setBusy(c, false));
        } else if (ev instanceof Event.TicketNoShow t) {
            on(t.counter(), c -> setBusy(c, false));
        } else if (ev instanceof Event.TicketTransferred t) {
            on(t.counter(), c -> setBusy(c, false));
        } else if (ev instanceof Event.CounterClosed t) {
            on(t.counter(), this::blank);
        } else if (ev instanceof Event.CounterPaused t) {
            on(t.counter(), c -> setBusy(c, false));
        }
    }

    private void on(int counter, java.util.function.Consumer<Counter> action) {
        Counter c = counters.get(counter);
        if (c != null) {
            action.accept(c);
        }
    }

    private void showCalled(Counter c, int number) {
        cancelRecallBlink(c);
        c.display.show(DisplayRegisters.Mode.STEADY, number);
        reportDisplay(c);
        setBusy(c, true);
    }

    private void recall(Counter c, int number) {
        cancelRecallBlink(c);
        c.display.show(DisplayRegisters.Mode.BLINK, number);
        reportDisplay(c);
        c.recallEnd = timer.schedule(() -> worker.execute(() -> {
            if (c.display.mode() == DisplayRegisters.Mode.BLINK) {
                c.display.show(DisplayRegisters.Mode.STEADY, c.display.number());
                reportDisplay(c);
            }
        }), RECALL_BLINK_MS, TimeUnit.MILLISECONDS);
    }

    private void blank(Counter c) {
        cancelRecallBlink(c);
        c.display.show(DisplayRegisters.Mode.BLANK, null);
        reportDisplay(c);
        setBusy(c, false);
        c.currentTicketId = null;
    }

    private void cancelRecallBlink(Counter c) {
        if (c.recallEnd != null) {
            c.recallEnd.cancel(false);
            c.recallEnd = null;
        }
    }

    private void setBusy(Counter c, boolean on) {
        c.serving = on;
        if (c.busy != null) {
            c.busy.set(on);
        }
    }

    private void refreshDisplays() {
        counters.values().forEach(c -> {
            c.display.send();
            reportDisplay(c);
        });
    }

    private void reportDisplay(Counter c) {
        health.set("display:" + c.panel.counter(), c.display.health());
    }

    // --- for the console and tests -------------------------------------------------------------------------

    /**
     * Simulated only: {@code call}, {@code recall}, {@code finish}, {@code no-show}, {@code pause} or
     * {@code rate good|ok|bad}, optionally followed by a counter number (default: the first counter).
     * Returns an error text in the console's language, or null when the button was pressed.
     */
    public String pressFromConsole(String line, AgentMessages messages) {
        String[] w = line.trim().split("\\s+");
        if (w.length == 0 || w[0].isEmpty()) {
            return null;
        }
        int at = 1;
        Integer pin;
        String what = w[0];
        Rating rating = null;
        if (what.equals("rate")) {
            if (w.length < 2) {
                return messages.get("panel.rateMissing");
            }
            rating = switch (w[1]) {
                case "good" -> Rating.SATISFIED;
                case "ok" -> Rating.NEUTRAL;
                case "bad" -> Rating.DISSATISFIED;
                default -> null;
            };
            if (rating == null) {
                return messages.get("panel.rateNeeds", w[1]);
            }
            at = 2;
        }
        int counter;
        try {
            counter = w.length > at ? Integer.parseInt(w[at]) : counters.keySet().iterator().next();
        } catch (NumberFormatException e) {
            return messages.get("panel.notACounter", w[at]);
        }
        Counter c = counters.get(counter);
        if (c == null) {
            return messages.get("panel.noSuchCounter", counter);
        }
        if (rating != null) {
            pin = c.panel.ratingPins().get(rating);
        } else {
            PanelButton b = switch (what) {
                case "call" -> PanelButton.CALL_NEXT;
                case "recall" -> PanelButton.RECALL;
                case "finish" -> PanelButton.FINISH;
                case "no-show" -> PanelButton.NO_SHOW;
                case "pause" -> PanelButton.PAUSE;
                default -> null;
            };
            if (b == null) {
                return messages.get("panel.unknownButton", what);
            }
            pin = c.panel.buttons().get(b);
        }
        if (pin == null) {
            return messages.get("panel.notWired", counter);
        }
        gpio.press(pin);
        return null;
    }

    /** Waits until the worker has done everything queued so far (tests). */
    public void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        worker.execute(done::countDown);
        done.await(30, TimeUnit.SECONDS);
    }

    public boolean hubUp() {
        return hubUp;
    }

    public HubReply lastReply() {
        return lastReply;
    }

    public HealthReporter health() {
        return health;
    }

    public boolean busyLedBlinking(int counter) {
        Counter c = counters.get(counter);
        return c != null && c.busy != null && c.busy.isBlinking();
    }

    public boolean busyLedOn(int counter) {
        Counter c = counters.get(counter);
        return c != null && c.busy != null && c.busy.isOn();
    }

    public long lastSeq() {
        return follower.lastSeq();
    }

    @Override
    public void close() {
        follower.close();
        timer.shutdownNow();
        worker.shutdownNow();
        health.close();
    }
}
