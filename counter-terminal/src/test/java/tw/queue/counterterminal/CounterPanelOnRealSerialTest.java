package tw.queue.counterterminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.bench.ModbusDisplay;
import tw.queue.bench.PtyPair;
import tw.queue.device.agent.AgentMessages;
import tw.queue.config.DemoDevices;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.modbus.ModbusMaster;
import tw.queue.device.serial.SerialLink;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubEvent;
import tw.queue.hubclient.HubReply;
import tw.queue.testsupport.Await;
import tw.queue.testsupport.HubProcess;

/**
 * Counters 1 and 2 share one Pi and one RS-485 line (displays at Modbus addresses 1 and 2): the demo hub as a
 * child process, the line a socat pty pair with test-side Modbus displays written from the Modbus over Serial
 * Line specification on its far end, and the call buttons on Pi4J's mock platform. The panel's token is
 * demo-panel-1's, so it may act at counter 1; counter 2's display follows calls made there by others.
 */
class CounterPanelOnRealSerialTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AgentMessages ENGLISH = new AgentMessages(Locale.ENGLISH);
    private static final AgentMessages CHINESE = new AgentMessages(Locale.TRADITIONAL_CHINESE);
    private static final OfficeConfig OFFICE = DemoDevices.into(OfficeConfigLoader.loadBundledSample(Locale.ENGLISH));
    private static final DeviceDef PANEL_1 = OFFICE.devices().stream()
            .filter(d -> d.id().equals("demo-panel-1")).findFirst().orElseThrow();

    @TempDir
    static Path tmp;
    static HubProcess hubProcess;
    static HubClient manager;
    static HubClient kiosk;
    static EventFollower stream;
    static final List<HubEvent> events = new CopyOnWriteArrayList<>();

    private PtyPair pty;
    private ModbusDisplay displays;
    private Gpio gpio;
    private SerialLink link;
    private CounterAgent agent;
    private DeviceDef.CounterPanel one;

    @BeforeAll
    static void startHub() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(),
                "socat is not installed (bash scripts/install-browser-deps.sh installs it); the serial tests need it");
        hubProcess = HubProcess.startJar(HubProcess.hubJar(), tmp.resolve("data"), tmp.resolve("hub.log"), 0,
                Duration.ofSeconds(60));
        HubClient anyone = new HubClient(hubProcess.uri("/"), null);
        manager = signIn(anyone, "manager");
        kiosk = new HubClient(hubProcess.uri("/"), "demo-kiosk-1");
        stream = new EventFollower(anyone, new EventFollower.Listener() {
            @Override
            public void onSnapshot(JsonNode queue) {
            }

            @Override
            public void onEvent(HubEvent event) {
                events.add(event);
            }
        }).start();
        for (int n : new int[] {1, 2}) {
            clerks[n] = signIn(anyone, "clerk" + n);
            HubReply open = clerks[n].counterAction(n, "open");
            assertThat(open.ok()).as(open.toString()).isTrue();
        }
    }

    static final HubClient[] clerks = new HubClient[3];

    private static HubClient signIn(HubClient anyone, String user) throws Exception {
        HubReply login = anyone.post("api/login", JSON.createObjectNode().put("username", user).put("password", "demo"));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return new HubClient(hubProcess.uri("/"), login.body().path("token").asText());
    }

    @AfterAll
    static void stopHub() {
        if (stream != null) {
            stream.close();
        }
        if (hubProcess != null) {
            hubProcess.close();
        }
    }

    @BeforeEach
    void wire() throws Exception {
        pty = PtyPair.create(tmp, "rs485-" + System.nanoTime());
        displays = new ModbusDisplay(pty.deviceEnd(), Set.of(1, 2));
        one = PANEL_1.panel(1).orElseThrow();
        Map<DeviceDef.PanelButton, Integer> twoKeys = new EnumMap<>(DeviceDef.PanelButton.class);
        twoKeys.put(DeviceDef.PanelButton.CALL_NEXT, 17);
        DeviceDef.CounterPanel two = new DeviceDef.CounterPanel(2, twoKeys, 27, Map.of(), 2);
        DeviceDef device = new DeviceDef(PANEL_1.id(), PANEL_1.type(), PANEL_1.tokenHash(), List.of(1, 2),
                PANEL_1.serial().onPort(pty.agentEnd().toString()), Map.of(), null, List.of(), null, null,
                List.of(one, two), new DeviceDef.DisplayDef(16, 200));
        gpio = Gpio.simulated();
        link = SerialLink.open(device.serial());
        agent = new CounterAgent(device, new HubClient(hubProcess.uri("/"), PANEL_1.id()), gpio,
                new ModbusMaster(link, device.display().timeoutMillis())).start();
        Await.until(WAIT, agent::hubUp, "the panel's hub link");
        agent.drain();
    }

    @AfterEach
    void unplug() throws Exception {
        if (agent != null) {
            agent.close();
        }
        gpio.close();
        link.close();
        displays.close();
        pty.close();
        // the next scene starts with an empty lobby: serve whoever is left, then nobody is at the counters
        for (int n : new int[] {1, 2}) {
            manager.counterAction(n, "finish");
            while (manager.counterAction(n, "call-next").status() == 200) {
                manager.counterAction(n, "finish");
            }
        }
    }

    private int issue(String service) throws Exception {
        HubReply r = kiosk.issueTicket(service, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body().path("number").asInt();
    }

    private void press(DeviceDef.PanelButton b) {
        gpio.press(one.buttons().get(b));
    }

    private long called(int number) {
        return events.stream().filter(e -> e.type().equals("ticket.called")
                && e.data().path("number").asInt() == number).count();
    }

    @Test
    void theClerkPressesCallNextAndTheNumberShowsAboveTheCounterAndOnTheStream() throws Exception {
        int number = issue("transcript");

        press(DeviceDef.PanelButton.CALL_NEXT);

        Await.until(WAIT, () -> displays.shown(1) != null && displays.shown(1).text().equals(Integer.toString(number)),
                () -> "display 1 showing " + number + ", shows " + displays.shown(1));
        assertThat(displays.shown(1).blinking()).isFalse();
        Await.until(WAIT, () -> called(number) == 1, "ticket.called on the stream");
        Await.until(WAIT, () -> agent.busyLedOn(1), "the busy LED");
        assertThat(agent.health().components()).containsEntry("display:1", "ok");
    }

    @Test
    void aRecallBlinksTheNumberAndClosingTheCounterBlanksIt() throws Exception {
        int number = issue("transcript");
        press(DeviceDef.PanelButton.CALL_NEXT);
        Await.until(WAIT, () -> displays.shown(1) != null && displays.shown(1).text().equals("" + number), "the call");

        press(DeviceDef.PanelButton.RECALL);
        Await.until(WAIT, () -> displays.shown(1).blinking(), "the number blinking on the recall");
        assertThat(displays.shown(1).text()).isEqualTo("" + number);
        Await.until(Duration.ofMillis(CounterAgent.RECALL_BLINK_MS + 5000), () -> !displays.shown(1).blinking(),
                "steady again after the recall");

        assertThat(manager.counterAction(1, "finish").ok()).isTrue();
        assertThat(manager.counterAction(1, "close").ok()).isTrue();
        Await.until(WAIT, () -> displays.shown(1).blank(), "blank when the counter closes");
        assertThat(clerks[1].counterAction(1, "open").ok()).isTrue();
    }

    @Test
    void twoCallNextPressesOneSecondApartCallOneCitizenAndTheBusyLedBlinksTheRefusal() throws Exception {
        int first = issue("transcript");
        int second = issue("transcript");

        press(DeviceDef.PanelButton.CALL_NEXT);
        Await.until(WAIT, () -> called(first) == 1, "the first call");
        Thread.sleep(1000); // the second press, a second later (a held or double-pressed key)
        press(DeviceDef.PanelButton.CALL_NEXT);
        agent.drain();

        assertThat(agent.lastReply().status()).as(agent.lastReply().toString()).isEqualTo(409);
        assertThat(agent.lastReply().error()).isEqualTo("call-too-soon");
        assertThat(agent.busyLedBlinking(1)).isTrue();
        assertThat(called(second)).as("the second citizen was not skipped to").isZero();
        assertThat(displays.shown(1).text()).isEqualTo("" + first);
    }

    @Test
    void counterTwosDisplayOnTheSameLineFollowsACallMadeThere() throws Exception {
        int number = issue("transcript");
        HubReply r = manager.counterAction(2, "call-next");
        assertThat(r.status()).isEqualTo(200);
        Await.until(WAIT, () -> displays.shown(2) != null && displays.shown(2).text().equals("" + number),
                () -> "display 2 showing " + number + ", shows " + displays.shown(2));
        assertThat(displays.shown(1) == null || !displays.shown(1).text().equals("" + number)).isTrue();
    }

    @Test
    void aDisplayThatDoesNotAnswerIsReportedNotFatal() throws Exception {
        displays.setAnswering(1, false);
        int number = issue("transcript");
        press(DeviceDef.PanelButton.CALL_NEXT);
        Await.until(WAIT, () -> "not-answering".equals(agent.health().components().get("display:1")),
                "the display reported not answering");
        Await.until(WAIT, () -> called(number) == 1, "the call went through all the same");
        Await.until(WAIT, () -> {
            try {
                for (JsonNode d : manager.get("api/devices").body()) {
                    if (d.path("id").asText().equals("demo-panel-1")) {
                        return d.path("components").path("display:1").asText().equals("not-answering")
                                && d.path("status").asText().equals("fault");
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        }, "the hub showing the panel's display fault");
        assertThat(events).anyMatch(e -> e.type().equals("device.health")
                && e.data().path("device").asText().equals("demo-panel-1"));

        displays.setAnswering(1, true); // cable fixed: the next refresh brings the number back
        Await.until(Duration.ofSeconds(CounterAgent.REFRESH_SECONDS + 10),
                () -> "ok".equals(agent.health().components().get("display:1")), "the display answering again");
        assertThat(displays.shown(1).text()).isEqualTo("" + number);
    }

    @Test
    void theSatisfactionBoxRatesTheTicketJustServedOnce() throws Exception {
        issue("transcript");
        press(DeviceDef.PanelButton.CALL_NEXT);
        agent.drain();
        assertThat(agent.lastReply().status()).isEqualTo(200);
        press(DeviceDef.PanelButton.FINISH);
        agent.drain();
        assertThat(agent.lastReply().ok()).isTrue();

        assertThat(agent.pressFromConsole("rate good 1", ENGLISH)).isNull();
        agent.drain();
        assertThat(agent.lastReply().status()).as(agent.lastReply().toString()).isEqualTo(201);
        Await.until(WAIT, () -> events.stream().anyMatch(e -> e.type().equals("ticket.rated")
                && e.data().path("rating").asText().equals("satisfied")), "ticket.rated on the stream");

        // the box forgets the ticket once rated; a second press asks the hub which ticket was served last
        // (GET /api/counters/1) and the hub refuses a second rating of it: the busy LED blinks
        assertThat(agent.pressFromConsole("rate bad 1", ENGLISH)).isNull();
        agent.drain();
        assertThat(agent.lastReply().status()).as(agent.lastReply().toString()).isEqualTo(409);
        assertThat(agent.busyLedBlinking(1)).isTrue();
    }

    @Test
    void theConsoleNamesButtonsAndCountersClearly() {
        assertThat(agent.pressFromConsole("rate great", ENGLISH)).contains("good, ok or bad");
        assertThat(agent.pressFromConsole("call 9", ENGLISH)).contains("no counter 9");
        assertThat(agent.pressFromConsole("dance", ENGLISH)).contains("unknown button");
        assertThat(agent.pressFromConsole("recall 2", ENGLISH)).contains("not wired");
        assertThat(agent.pressFromConsole("dance", CHINESE)).contains("dance").contains("按鈕");
        assertThat(agent.pressFromConsole("call 9", CHINESE)).contains("9").contains("櫃檯");
    }
}
