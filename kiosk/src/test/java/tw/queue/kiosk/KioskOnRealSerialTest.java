package tw.queue.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.bench.EscPosPrinter;
import tw.queue.bench.PtyPair;
import tw.queue.config.DemoDevices;
import tw.queue.config.DeviceDef;
import tw.queue.config.OfficeConfig;
import tw.queue.config.OfficeConfigLoader;
import tw.queue.device.escpos.PrinterStatus;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.serial.SerialLink;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubEvent;
import tw.queue.testsupport.Await;
import tw.queue.testsupport.HubProcess;

/**
 * The push-button dispenser at the entrance, for real: the demo hub as a child process on loopback, the
 * kiosk agent's printer line a socat pty pair, and on its far end a test-side ESC/POS printer written from the
 * Epson reference (it answers DLE EOT and reads the slip back). Buttons through Pi4J's mock platform.
 */
class KioskOnRealSerialTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final OfficeConfig OFFICE = DemoDevices.into(OfficeConfigLoader.loadBundledSample(Locale.ENGLISH));
    private static final DeviceDef KIOSK = OFFICE.devices().get(0);
    private static final int TRANSCRIPT_PIN = KIOSK.buttons().stream()
            .filter(b -> b.service().equals("transcript")).findFirst().orElseThrow().pin();

    @TempDir
    static Path tmp;
    static HubProcess hubProcess;
    static HubClient watcher;
    static EventFollower stream;
    static final List<HubEvent> events = new CopyOnWriteArrayList<>();

    private PtyPair pty;
    private EscPosPrinter printer;
    private Gpio gpio;
    private SerialLink link;
    private KioskAgent agent;
    private WifiLink wifi;

    @BeforeAll
    static void startHub() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(),
                "socat is not installed (bash scripts/install-browser-deps.sh installs it); the serial tests need it");
        hubProcess = HubProcess.startJar(HubProcess.hubJar(), tmp.resolve("data"), tmp.resolve("hub.log"), 0,
                Duration.ofSeconds(60));
        watcher = new HubClient(hubProcess.uri("/"), null);
        stream = new EventFollower(watcher, new EventFollower.Listener() {
            @Override
            public void onSnapshot(JsonNode queue) {
            }

            @Override
            public void onEvent(HubEvent event) {
                events.add(event);
            }
        }).start();
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
    void plugIn() throws Exception {
        pty = PtyPair.create(tmp, "printer-" + System.nanoTime());
    }

    private void startAgent(DeviceDef device, Charset printerCharset, URI hub) throws Exception {
        startAgent(device, printerCharset, hub, slip -> { });
    }

    private void startAgent(DeviceDef device, Charset printerCharset, URI hub,
                            java.util.function.Consumer<EscPosPrinter.Slip> onSlip) throws Exception {
        printer = new EscPosPrinter(pty.deviceEnd(), printerCharset, onSlip);
        gpio = Gpio.simulated();
        DeviceDef onPty = new DeviceDef(device.id(), device.type(), device.tokenHash(), device.counters(),
                device.serial().onPort(pty.agentEnd().toString()), device.pins(), device.hub(), device.buttons(),
                device.helpBellPin(), device.printer(), device.panels(), device.display());
        link = SerialLink.open(onPty.serial());
        agent = new KioskAgent(OFFICE, onPty, new HubClient(hub, device.id()), gpio, new TicketPrinter(link)).start();
    }

    @AfterEach
    void unplug() {
        if (agent != null) {
            agent.close();
        }
        if (wifi != null) {
            wifi.close();
            wifi = null;
        }
        if (gpio != null) {
            gpio.close();
        }
        if (link != null) {
            link.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private int waiting(String service) throws Exception {
        for (JsonNode s : watcher.queue().body().path("services")) {
            if (s.path("id").asText().equals(service)) {
                return s.path("waiting").asInt();
            }
        }
        throw new AssertionError("no service " + service);
    }

    @Test
    void aCitizenPressesTranscriptsAndTakesABig5SlipWithItsQrCodeAndACut() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");

        gpio.press(TRANSCRIPT_PIN);
        Await.until(WAIT, () -> printer.slips().size() == 1, "one slip");

        EscPosPrinter.Slip slip = printer.slips().get(0);
        assertThat(slip.cut()).isTrue();
        assertThat(slip.qrPayloads()).hasSize(1);
        String url = slip.qrPayloads().get(0);
        assertThat(url).startsWith(hubProcess.uri("/t/").toString());
        JsonNode ticket = watcher.get("api/tickets/" + url.substring(url.lastIndexOf('/') + 1)).body();
        assertThat(ticket.path("service").asText()).isEqualTo("transcript");
        assertThat(ticket.path("status").asText()).isEqualTo("waiting");
        assertThat(slip.lines()).contains(
                "臺中市西屯區戶政事務所",
                "Xitun District Household Registration Office, Taichung",
                Integer.toString(ticket.path("number").asInt()),
                "戶籍謄本\u2022戶口名簿", // Big5 has no U+30FB; the slip prints A1 45, which Java's Big5 reads as U+2022
                "Household transcripts and certificates",
                "掃描 QR 碼，用手機查看叫號進度",
                "Scan to follow your number on your phone");
        assertThat(slip.lines()).anySatisfy(l -> assertThat(l).startsWith("前面還有 ").contains(" ahead of you"));
        assertThat(slip.lines()).anySatisfy(l -> assertThat(l).startsWith("服務櫃檯："));
        assertThat(printer.statusRequests()).as("DLE EOT 1-4 before and after the slip")
                .containsSubsequence(1, 2, 3, 4, 1, 2, 3, 4);
        assertThat(agent.leds().get("transcript").isOn()).isTrue();
    }

    @Test
    void aPrinterOutOfPaperGivesNoNumberBlinksAndTellsTheHealthReport() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        int before = waiting("passport");
        printer.setState(EscPosPrinter.State.PAPER_OUT);

        gpio.press(KIOSK.buttons().stream().filter(b -> b.service().equals("passport")).findFirst().orElseThrow().pin());
        agent.drain();

        assertThat(printer.slips()).isEmpty();
        assertThat(waiting("passport")).as("no ghost number waits").isEqualTo(before);
        assertThat(agent.printerStatus()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(agent.health().components()).containsEntry("printer", "paper-out");
        assertThat(agent.leds().get("passport").isBlinking()).isTrue();
        Await.until(WAIT, () -> events.stream().anyMatch(e -> e.type().equals("device.health")
                && e.data().path("device").asText().equals("demo-kiosk-1")
                && e.data().path("components").path("printer").asText().equals("paper-out")
                && e.data().path("status").asText().equals("fault")), "a device.health event: the printer's paper is out");

        printer.setState(EscPosPrinter.State.READY); // paper loaded again: the next press prints
        Thread.sleep(KioskAgent.LOCKOUT_MS); // the lock-out of the button itself, not a wait for the system
        gpio.press(KIOSK.buttons().stream().filter(b -> b.service().equals("passport")).findFirst().orElseThrow().pin());
        Await.until(WAIT, () -> printer.slips().size() == 1, "a slip once paper is back");
        assertThat(agent.health().components()).containsEntry("printer", "ok");
    }

    @Test
    void whenThePaperEndsDuringTheSlipItsNumberIsCancelledAtTheHub() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        int before = waiting("seal");
        int seen = events.size();
        printer.runOutDuringNextSlip();

        gpio.press(KIOSK.buttons().stream().filter(b -> b.service().equals("seal")).findFirst().orElseThrow().pin());
        agent.drain();

        assertThat(printer.slips()).isEmpty();
        Await.until(WAIT, () -> events.subList(seen, events.size()).stream()
                .anyMatch(e -> e.type().equals("ticket.cancelled")), "the cancel on the event stream");
        List<String> types = events.subList(seen, events.size()).stream().map(HubEvent::type).toList();
        assertThat(types).containsSubsequence("ticket.issued", "ticket.cancelled");
        assertThat(waiting("seal")).as("no ghost number waits").isEqualTo(before);
        assertThat(agent.health().components()).containsEntry("printer", "paper-out");
    }

    @Test
    void aPrinterWithoutAChineseFontGetsTheSlipAsARasterImageAndGb18030PrintersGetGb18030() throws Exception {
        DeviceDef raster = withPrinter(new DeviceDef.PrinterDef(DeviceDef.TextEncoding.RASTER, 58, "https://queue.example.tw"));
        startAgent(raster, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        gpio.press(TRANSCRIPT_PIN);
        Await.until(WAIT, () -> printer.slips().size() == 1, "a raster slip");
        EscPosPrinter.Slip slip = printer.slips().get(0);
        assertThat(slip.rasterRows()).as("every line drawn as dots").isGreaterThan(200);
        assertThat(slip.lines()).as("no text was sent").allSatisfy(l -> assertThat(l).isBlank());
        assertThat(slip.qrPayloads().get(0)).startsWith("https://queue.example.tw/t/");
        unplug();
        agent = null;

        pty = PtyPair.create(tmp, "printer-gb-" + System.nanoTime());
        startAgent(withPrinter(new DeviceDef.PrinterDef(DeviceDef.TextEncoding.GB18030, 80, null)),
                Charset.forName("GB18030"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        gpio.press(TRANSCRIPT_PIN);
        Await.until(WAIT, () -> printer.slips().size() == 1, "a GB18030 slip");
        assertThat(printer.slips().get(0).lines()).contains("臺中市西屯區戶政事務所", "戶籍謄本・戶口名簿");
    }

    @Test
    void withTheHubUnreachableNothingIsPrintedTheLedsBlinkAndTheKioskRecoversByItself() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        startAgent(KIOSK, Charset.forName("Big5"), URI.create("http://127.0.0.1:" + port + "/"));
        Await.until(WAIT, () -> agent.leds().get("transcript").isBlinking(), "blinking while there is no hub");

        gpio.press(TRANSCRIPT_PIN);
        agent.drain();
        assertThat(printer.slips()).isEmpty();

        Path data = tmp.resolve("data-" + port);
        Files.createDirectories(data);
        try (HubProcess late = HubProcess.startJar(HubProcess.hubJar(), data, tmp.resolve("late.log"), port,
                Duration.ofSeconds(60))) {
            Await.until(WAIT, agent::hubUp, "the kiosk finding the hub by itself");
            Await.until(WAIT, () -> !agent.leds().get("transcript").isBlinking(), "steady LEDs again");
            Thread.sleep(KioskAgent.LOCKOUT_MS); // the button's own lock-out since the refused press
            gpio.press(TRANSCRIPT_PIN);
            Await.until(WAIT, () -> printer.slips().size() == 1, "a slip once the hub is back");
            assertThat(late.isAlive()).isTrue();
        }
    }

    @Test
    void theHelpBellAtTheEntranceRaisesAnAlertForTheVolunteers() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        int seen = events.size();

        gpio.press(KIOSK.helpBellPin());

        Await.until(WAIT, () -> events.subList(seen, events.size()).stream().anyMatch(e -> e.type().equals("alert.raised")
                && e.data().path("kind").asText().equals("help") && e.data().path("place").asText().equals("entrance")),
                "alert.raised on the stream");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        HubClient volunteer = new HubClient(hubProcess.uri("/"), watcher.post("api/login", json.createObjectNode()
                .put("username", "volunteer").put("password", "demo")).body().path("token").asText());
        JsonNode open = volunteer.get("api/alerts").body();
        assertThat(open.toString()).contains("\"kind\":\"help\"").contains("\"place\":\"entrance\"");
        assertThat(printer.slips()).as("the bell prints nothing").isEmpty();
    }

    private static DeviceDef withPrinter(DeviceDef.PrinterDef p) {
        DeviceDef d = KIOSK;
        return new DeviceDef(d.id(), d.type(), d.tokenHash(), d.counters(), d.serial(), d.pins(), d.hub(),
                d.buttons(), d.helpBellPin(), p, d.panels(), d.display());
    }

    // --- slips a volunteer sends from the tablet to this kiosk's printer (print jobs) ---

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static HubClient volunteer() throws Exception {
        return new HubClient(hubProcess.uri("/"), watcher.post("api/login", JSON.createObjectNode()
                .put("username", "volunteer").put("password", "demo")).body().path("token").asText());
    }

    /** The number a volunteer took for someone on the tablet. */
    private static JsonNode takeFor(HubClient volunteer, String service, String priority) throws Exception {
        tw.queue.hubclient.HubReply r = volunteer.post("api/tickets", JSON.createObjectNode()
                .put("service", service).put("priority", priority));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.body();
    }

    /** Sends the ticket's slip to this kiosk; the job id. Waits until the hub has heard from the kiosk. */
    private static String sendToKiosk(HubClient volunteer, JsonNode ticket) throws Exception {
        String[] job = new String[1];
        Await.until(WAIT, () -> {
            try {
                tw.queue.hubclient.HubReply r = volunteer.post("api/tickets/" + ticket.path("id").asText() + "/print",
                        JSON.createObjectNode().put("kiosk", KIOSK.id()));
                if (r.status() == 202) {
                    job[0] = r.body().path("job").asText();
                }
            } catch (tw.queue.hubclient.HubUnreachable e) {
                throw new AssertionError(e);
            }
            return job[0] != null;
        }, "the hub accepting a slip for " + KIOSK.id());
        return job[0];
    }

    private static String jobStatus(HubClient volunteer, String job) {
        try {
            return volunteer.get("api/print-jobs/" + job).body().path("status").asText();
        } catch (tw.queue.hubclient.HubUnreachable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aNumberAVolunteerTookIsPrintedOnceAtTheKioskBesideThemOnTheKiosksOwnSlip() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        HubClient volunteer = volunteer();
        JsonNode ticket = takeFor(volunteer, "transcript", "elderly");

        String job = sendToKiosk(volunteer, ticket);

        Await.until(WAIT, () -> printer.slips().size() == 1, "the volunteer's slip");
        EscPosPrinter.Slip slip = printer.slips().get(0);
        assertThat(slip.cut()).isTrue();
        assertThat(slip.qrPayloads()).containsExactly(hubProcess.uri("/t/" + ticket.path("id").asText()).toString());
        assertThat(slip.lines()).contains("臺中市西屯區戶政事務所", Integer.toString(ticket.path("number").asInt()),
                "戶籍謄本\u2022戶口名簿", "Household transcripts and certificates");
        assertThat(slip.lines()).anySatisfy(l -> assertThat(l).startsWith("服務櫃檯："));
        Await.until(WAIT, () -> jobStatus(volunteer, job).equals("printed"), "the hub told it was printed");

        agent.fetchPrintJobsNow(); // as the next poll would
        agent.drain();
        assertThat(printer.slips()).as("printed once").hasSize(1);
        assertThat(agent.jobsPrinted()).isEqualTo(1);
        assertThat(new HubClient(hubProcess.uri("/"), KIOSK.id()).printJobs(KIOSK.id()).body()).isEmpty();
    }

    @Test
    void theWifiDropsAsTheSlipComesOutAndTheHubLearnsItWasPrintedWhenTheLinkIsBackWithoutASecondSlip()
            throws Exception {
        wifi = new WifiLink(hubProcess.uri("/"));
        java.util.concurrent.atomic.AtomicBoolean dropOnSlip = new java.util.concurrent.atomic.AtomicBoolean(true);
        startAgent(KIOSK, Charset.forName("Big5"), wifi.uri(), s -> {
            if (dropOnSlip.getAndSet(false)) {
                wifi.drop();
            }
        });
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        HubClient volunteer = volunteer();
        JsonNode ticket = takeFor(volunteer, "passport", "pregnant-or-infant");

        String job = sendToKiosk(volunteer, ticket);
        Await.until(WAIT, () -> printer.slips().size() == 1, "the slip");
        Await.until(WAIT, () -> !agent.hubUp(), "the kiosk noticing the Wi-Fi is gone");
        assertThat(jobStatus(volunteer, job)).as("the report did not get through").isEqualTo("queued");

        wifi.restore();
        Await.until(WAIT, () -> jobStatus(volunteer, job).equals("printed"), "the report, once the link is back");
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link again");
        agent.fetchPrintJobsNow();
        agent.drain();
        assertThat(printer.slips()).as("one slip, not two").hasSize(1);
        assertThat(agent.jobsPrinted()).isEqualTo(1);
    }

    @Test
    void aSlipSentWhileTheKioskIsOffTheWifiIsPrintedOnceWhenItComesBack() throws Exception {
        wifi = new WifiLink(hubProcess.uri("/"));
        startAgent(KIOSK, Charset.forName("Big5"), wifi.uri());
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        HubClient volunteer = volunteer();
        JsonNode ticket = takeFor(volunteer, "seal", "disability");
        sendToKiosk(volunteer, takeFor(volunteer, "seal", "none")); // the hub has heard from the kiosk
        Await.until(WAIT, () -> printer.slips().size() == 1, "a first slip");
        wifi.drop();
        Await.until(WAIT, () -> !agent.hubUp(), "the kiosk off the Wi-Fi");

        String job = sendToKiosk(volunteer, ticket); // the hub has heard from it within the minute: still online
        agent.drain();
        assertThat(printer.slips()).hasSize(1);

        wifi.restore();
        Await.until(WAIT, () -> printer.slips().size() == 2, "the slip, once the kiosk is back");
        assertThat(printer.slips().get(1).lines()).contains(Integer.toString(ticket.path("number").asInt()));
        Await.until(WAIT, () -> jobStatus(volunteer, job).equals("printed"), "the hub told it was printed");
        agent.fetchPrintJobsNow();
        agent.drain();
        assertThat(printer.slips()).hasSize(2);
    }

    @Test
    void whenThePaperEndsDuringAVolunteersSlipTheJobFailsWithTheReasonAndTheNumberStillWaits() throws Exception {
        startAgent(KIOSK, Charset.forName("Big5"), hubProcess.uri("/"));
        Await.until(WAIT, agent::hubUp, "the kiosk's hub link");
        HubClient volunteer = volunteer();
        JsonNode ticket = takeFor(volunteer, "id-card", "elderly");
        printer.runOutDuringNextSlip();

        String job = sendToKiosk(volunteer, ticket);

        Await.until(WAIT, () -> jobStatus(volunteer, job).equals("failed"), "the job reported failed");
        assertThat(volunteer.get("api/print-jobs/" + job).body().path("reason").asText()).isEqualTo("paper-out");
        assertThat(printer.slips()).isEmpty();
        assertThat(volunteer.get("api/tickets/" + ticket.path("id").asText()).body().path("status").asText())
                .as("the volunteer still holds the number on the tablet").isEqualTo("waiting");
    }
}
