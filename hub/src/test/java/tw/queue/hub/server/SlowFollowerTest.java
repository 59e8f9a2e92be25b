package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.queue.hub.testing.HubClient;
import tw.queue.hub.testing.TestHub;

/**
 * A phone on a dead Wi-Fi corner stops reading the event stream while the kiosk goes on issuing numbers. The hub
 * closes that follower once it has left more than the backlog unread (8 KiB here, 32 KiB in an office), the
 * lobby board beside it gets every number at once all the while, and when the phone reconnects with
 * {@code Last-Event-ID} it gets every event it lacked, in order, without a gap.
 */
class SlowFollowerTest {
    private static final Duration PROMPT = Duration.ofSeconds(5);
    private static final String[] SERVICES = {"registration", "transcript", "id-card", "seal", "passport", "cdc"};
    private static Path data;
    private static TestHub hub;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("hub-slow-follower");
        hub = TestHub.demoWithLimits(data, Limits.DEFAULT.withFollowerBacklog(8 * 1024));
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aPhoneThatStopsReadingIsClosedTheBoardKeepsUpAndTheReconnectGetsEveryEvent() throws Exception {
        HubClient client = hub.client();
        long from = client.queue().getLong("seq");
        try (Socket phone = new Socket(); SseReader board = new SseReader(hub.url(""), from)) {
            phone.setReceiveBufferSize(4096); // before connecting: a small window, as a stalled phone's
            phone.connect(new InetSocketAddress("127.0.0.1", hub.port()));
            phone.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: " + from
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            phone.getOutputStream().flush();
            awaitFollowers(client, 2);

            // numbers keep coming; the phone reads nothing, the board hears each one promptly
            long dropped = 0;
            long seq = from;
            long worstMs = 0;
            for (int i = 0; i < 3000 && dropped == 0; i++) {
                int number = client.issue(SERVICES[i % SERVICES.length]).getInteger("number");
                long t0 = System.nanoTime();
                SseReader.Message heard = board.next("ticket.issued");
                worstMs = Math.max(worstMs, (System.nanoTime() - t0) / 1_000_000);
                assertThat(heard).as("the board hears number " + number + " within 10 s").isNotNull();
                assertThat(heard.data().getInteger("number")).isEqualTo(number);
                seq = heard.id();
                if (i % 25 == 24) {
                    dropped = client.get("/health").json().getLong("streamDropped");
                }
            }
            assertThat(dropped).as("the phone that stopped reading is closed").isEqualTo(1);
            assertThat(client.get("/health").json().getInteger("streamClients")).as("the board is still there")
                    .isEqualTo(1);
            System.out.printf("[slow follower] closed after %d events; the board's slowest event %d ms%n",
                    seq - from, worstMs);

            // after the close, one more number: the board hears it too
            client.issue("registration");
            long last = client.queue().getLong("seq");
            assertThat(board.until(last, PROMPT).get(0).id()).isGreaterThan(seq - 1);

            // the phone reads what reached it before the close (up to the end of the connection)
            long t1 = System.nanoTime();
            long lastWhole = lastWholeId(phone.getInputStream());
            assertThat(lastWhole).as("the phone had some of it").isGreaterThanOrEqualTo(from).isLessThan(last);

            System.out.printf("[slow follower] read to the end in %d ms%n", (System.nanoTime() - t1) / 1_000_000);
            try (SseReader again = new SseReader(hub.url(""), lastWhole)) {
                List<SseReader.Message> missed = again.until(last, PROMPT);
                assertThat(missed).extracting(SseReader.Message::id)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(lastWhole + 1, last)
                                .boxed().toList());
            }
        }
    }

    private static void awaitFollowers(HubClient client, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PROMPT.toNanos();
        while (client.get("/health").json().getInteger("streamClients") < n) {
            assertThat(System.nanoTime()).as("both followers live").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Reads the connection to its end: the id of the last message that arrived whole. */
    private static long lastWholeId(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                all.write(buf, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException end) {
            // closed by the hub: what came before is what it has
        }
        String text = all.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("id: (\\d+)\r?\nevent: [^\n]+\ndata: [^\n]+\n\n").matcher(text);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
