package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tw.queue.bench.PtyPair;
import tw.queue.config.BoardLayout;
import tw.queue.config.DeviceDef;
import tw.queue.device.serial.SerialLink;
import tw.queue.displayboard.board.AlphaDriver;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.displayboard.content.CallScheduler;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubReply;
import tw.queue.testsupport.Await;
import tw.queue.testsupport.HubProcess;

/**
 * The board agent against a demo hub on loopback (a child process, killed with SIGKILL), writing Alpha frames
 * to a socat pty read by the test-side sign. One hub for the class; each test has its own agent and pty.
 */
@Tag("slow")
class LobbyBoardFollowsTheHubTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two lines (Chinese over English), one second per call (three when nothing waits): a burst drains quickly. */
    private static final BoardLayout LAYOUT = new BoardLayout(192, 32, 2, List.of(), List.of(),
            List.of("zh-TW", "en"), 5, BoardLayout.CallEffect.HOLD, 1, 3, BoardLayout.LedColour.AMBER, List.of(), 0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path tmp;
    private static HubProcess hub;
    private static final Map<Integer, HubClient> clerks = new ConcurrentHashMap<>();
    private static HubClient kiosk;

    private final TestGlyphs glyphs = new TestGlyphs("請號到櫃檯再次呼叫系統連線中 ");
    private final AlphaSignDecoder sign = new AlphaSignDecoder();
    private final AtomicReference<Throwable> signError = new AtomicReference<>();
    private final Map<String, String> health = new ConcurrentHashMap<>();
    private PtyPair pty;
    private BoardAgent agent;
    private EventFollower follower;
    private PreviewUploader preview;

    @BeforeAll
    static void startHub() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is needed: apt-get install socat");
        tmp = Files.createTempDirectory("board-e2e");
        hub = HubProcess.startJar(HubProcess.hubJar(), tmp.resolve("data"), Path.of("target", "e2e-hub.log"), 0,
                Duration.ofSeconds(60));
        kiosk = new HubClient(hub.uri(""), "demo-kiosk-1");
        for (int n = 1; n <= 14; n++) {
            clerks.put(n, new HubClient(hub.uri(""), login("clerk" + n, "demo")));
            HubReply opened = clerks.get(n).counterAction(n, "open");
            assertThat(opened.ok()).as("open counter %d: %s", n, opened).isTrue();
        }
        for (int i = 0; i < 16; i++) {
            assertThat(kiosk.issueTicket(i % 2 == 0 ? "transcript" : "registration", null).status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void startAgent() throws Exception {
        pty = PtyPair.create(tmp, "board-" + System.nanoTime());
        sign.listen(pty.deviceEnd(), signError::set);
        SerialLink link = SerialLink.open(new DeviceDef.SerialPortDef(pty.agentEnd().toString(), 9600, "alpha"));
        VirtualBoard virtual = new VirtualBoard(LAYOUT, TextRasterizer.bundled(), Clock.systemUTC(), null);
        agent = new BoardAgent("demo-board-1", LAYOUT, new AlphaDriver(LAYOUT, TextRasterizer.bundled(), link),
                virtual, Clock.systemUTC(), health::put).start();
        HubClient board = new HubClient(hub.uri(""), "demo-board-1");
        follower = new EventFollower(board, agent).start();
        preview = new PreviewUploader(board, "demo-board-1", virtual).start();
        Await.until(WAIT, follower::isUp, "the agent following the hub");
    }

    @AfterEach
    void stopAgent() throws Exception {
        preview.close();
        follower.close();
        agent.close();
        pty.close();
        assertThat(signError.get()).as("every frame the sign got was valid").isNull();
    }

    private static String login(String user, String password) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(hub.uri("").resolve("/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("token").asText();
    }

    private record Called(int number, int counter, java.time.Instant calledAt, long answeredNanos) {
        String onBoard() {
            return "請 " + number + " 號 到 " + counter + " 號櫃檯 | Number " + number + ", counter " + counter;
        }
    }

    private static Called callNext(int counter) throws Exception {
        HubReply r = clerks.get(counter).counterAction(counter, "call-next");
        assertThat(r.status()).as("call-next at %d: %s", counter, r).isEqualTo(200);
        return new Called(r.body().path("ticket").path("number").asInt(), counter,
                java.time.Instant.parse(r.body().path("ticket").path("calledAt").asText()), System.nanoTime());
    }

    /** The texts the sign was given, in order, each with when it came. */
    private List<Map.Entry<Long, String>> timeline() {
        List<Map.Entry<Long, String>> out = new ArrayList<>();
        for (AlphaSignDecoder.Shown s : sign.history()) {
            out.add(Map.entry(s.nanos(), AlphaSignDecoder.read(s, glyphs)));
        }
        return out;
    }

    private long firstAt(String text) {
        return timeline().stream().filter(e -> e.getValue().equals(text)).mapToLong(Map.Entry::getKey)
                .findFirst().orElse(-1);
    }

    @Test
    void aBurstOfCallsAtTenCountersReachesTheBoardInOrderWithTheNewestUpWithinASecond() throws Exception {
        // ten clerks press call-next at once; the hub's order of calling is the order of calledAt
        java.util.concurrent.ExecutorService clerksAtOnce = java.util.concurrent.Executors.newFixedThreadPool(10);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Called>> pressed = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            int counter = n;
            pressed.add(clerksAtOnce.submit(() -> {
                go.await();
                return callNext(counter);
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        List<Called> calls = new ArrayList<>();
        for (java.util.concurrent.Future<Called> f : pressed) {
            calls.add(f.get());
        }
        clerksAtOnce.shutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the burst").isLessThan(Duration.ofSeconds(2));
        calls.sort(java.util.Comparator.comparing(Called::calledAt));
        Await.until(WAIT, () -> calls.stream().allMatch(c -> firstAt(c.onBoard()) >= 0), () -> "every call on the board" + ": " + timeline().toString());
        Called newest = calls.get(calls.size() - 1);
        assertThat(Duration.ofNanos(firstAt(newest.onBoard()) - newest.answeredNanos())).as("the newest up")
                .isLessThan(Duration.ofSeconds(1));
        Await.until(WAIT, () -> {
            List<Map.Entry<Long, String>> t = timeline();
            return agent.scheduler().shown().size() >= calls.size() && !t.get(t.size() - 1).getValue().contains("號櫃檯");
        }, () -> "the board back to its announcement line" + ": " + timeline().toString());
        // A call up for its full second has been shown; one cut short by a newer call comes back once, later.
        List<String> shown = new ArrayList<>();
        List<Map.Entry<Long, String>> t = timeline();
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.get(i + 1).getKey() - t.get(i).getKey() >= Duration.ofMillis(900).toNanos()
                    && t.get(i).getValue().contains("號櫃檯")) {
                shown.add(t.get(i).getValue());
            }
        }
        assertThat(shown).as("each call shown once: %s", t)
                .containsExactlyInAnyOrderElementsOf(calls.stream().map(Called::onBoard).toList());
        List<String> others = calls.subList(0, calls.size() - 1).stream().map(Called::onBoard).toList();
        assertThat(shown.stream().filter(others::contains).toList()).as("the others follow in the order called")
                .containsExactlyElementsOf(others);
        assertThat(agent.scheduler().shown()).extracting(CallScheduler.Call::number)
                .containsExactlyElementsOf(shown.stream().map(text -> calls.stream()
                        .filter(c -> c.onBoard().equals(text)).findFirst().orElseThrow().number()).toList());
        assertThat(agent.scheduler().dropped()).isEmpty();
        assertThat(health).containsEntry("display:demo-board-1", "ok");
    }

    @Test
    void theHubKilledMidMorningShowsReconnectingThenCarriesOnWithoutMissingACall() throws Exception {
        Called before = callNext(11);
        Await.until(WAIT, () -> firstAt(before.onBoard()) >= 0, () -> "the call before the crash" + ": " + timeline().toString());

        hub.kill9();
        Await.until(WAIT, () -> firstAt("系統連線中 | Reconnecting") >= 0, () -> "the reconnect text" + ": " + timeline().toString());

        hub = HubProcess.startJar(HubProcess.hubJar(), tmp.resolve("data"), Path.of("target", "e2e-hub.log"),
                hub.port(), Duration.ofSeconds(60));
        Called first = callNext(12); // maybe before the agent is back: it must come by Last-Event-ID
        Called second = callNext(13);
        Await.until(WAIT, () -> firstAt(first.onBoard()) >= 0 && firstAt(second.onBoard()) >= 0, () -> "both calls after the restart" + ": " + timeline().toString());
        long reconnecting = firstAt("系統連線中 | Reconnecting");
        assertThat(firstAt(first.onBoard())).isGreaterThan(reconnecting);
        assertThat(firstAt(second.onBoard())).isGreaterThan(reconnecting);
        // both had their time on the board (if they came together, the newer first)
        Await.until(WAIT, () -> agent.scheduler().shown().stream()
                .map(CallScheduler.Call::number).toList().containsAll(List.of(first.number(), second.number())), () -> "both calls shown" + ": " + agent.scheduler().shown().toString());
        assertThat(timeline().stream().filter(e -> e.getValue().equals(before.onBoard())).count())
                .as("the call before the crash is not shown again").isEqualTo(1);
    }

    @Test
    void theManagerSeesOnHisPageWhatTheBoardShows() throws Exception {
        Called call = callNext(14);
        Await.until(WAIT, () -> firstAt(call.onBoard()) >= 0, () -> "the call on the board: " + timeline());
        String manager = login("manager", "demo");
        // 「請 NNNN 號 到 14 號櫃檯」 is 184 px wide, centred on 192 (x = 4): its first 號 starts at x = 68, top line
        boolean[][] hao = TestGlyphs.bits(TestGlyphs.HAO_HEX);
        Await.until(WAIT, () -> {
            java.awt.image.BufferedImage png = managerPreview(manager);
            if (png == null) {
                return false;
            }
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int red = (png.getRGB(VirtualBoard.centre(68 + x), VirtualBoard.centre(y)) >> 16) & 0xFF;
                    if ((red > 0x80) != hao[y][x]) {
                        return false;
                    }
                }
            }
            return true;
        }, "號 in the manager's preview of the board");
    }

    private static java.awt.image.BufferedImage managerPreview(String token) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    hub.uri("/api/devices/demo-board-1/preview.png")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body())) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
