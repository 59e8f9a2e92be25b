package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.bench.PtyPair;
import tw.queue.config.BoardLayout;
import tw.queue.config.DeviceDef;
import tw.queue.device.serial.SerialLink;
import tw.queue.displayboard.board.AlphaDriver;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.hubclient.HubEvent;
import tw.queue.testsupport.Await;

/** The board's cable is pulled and plugged back in: its health says so, and the board catches up. */
class BoardHealthTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @TempDir
    Path dir;

    @Test
    void aPulledCableIsNotAnsweringUntilItIsBackAndThenTheBoardShowsTheLatestCall() throws Exception {
        Map<String, String> health = new ConcurrentHashMap<>();
        AlphaSignDecoder sign = new AlphaSignDecoder();
        AtomicReference<Throwable> signError = new AtomicReference<>();
        TestGlyphs glyphs = new TestGlyphs("請號到櫃檯 ");
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is needed: apt-get install socat");
        PtyPair pty = PtyPair.create(dir, "hall");
        try {
            sign.listen(pty.deviceEnd(), signError::set);
            SerialLink link = SerialLink.open(new DeviceDef.SerialPortDef(pty.agentEnd().toString(), 9600, "alpha"));
            try (BoardAgent agent = new BoardAgent("hall", BoardLayout.DEFAULT,
                    new AlphaDriver(BoardLayout.DEFAULT, TextRasterizer.bundled(), link),
                    new VirtualBoard(BoardLayout.DEFAULT, TextRasterizer.bundled(), Clock.systemUTC(), null),
                    Clock.systemUTC(), health::put).start()) {
                agent.onLink(true);
                agent.onEvent(HubEvent.decode(7, "ticket.called",
                        "{\"type\":\"ticket.called\",\"at\":\"2026-12-01T01:00:00Z\",\"number\":2001,\"service\":\"transcript\",\"counter\":5,\"seq\":7}"));
                Await.until(WAIT, () -> sign.read('A', glyphs).startsWith("請 2001 號"), "the call on the sign");
                assertThat(health).containsEntry("display:hall", "ok");

                pty.close(); // the cable pulled
                agent.onEvent(HubEvent.decode(8, "ticket.called",
                        "{\"type\":\"ticket.called\",\"at\":\"2026-12-01T01:00:05Z\",\"number\":2002,\"service\":\"transcript\",\"counter\":6,\"seq\":8}"));
                Await.until(WAIT, () -> "not-answering".equals(health.get("display:hall")), () -> "not-answering" + ": " + health.toString());

                AlphaSignDecoder replugged = new AlphaSignDecoder();
                pty = PtyPair.create(dir, "hall"); // plugged back in, at the same path
                replugged.listen(pty.deviceEnd(), signError::set);
                Await.until(WAIT, () -> "ok".equals(health.get("display:hall")), () -> "ok again" + ": " + health.toString());
                Await.until(WAIT, () -> replugged.read('A', glyphs).startsWith("請 2002 號 到 6 號櫃檯"), () -> "the latest call on the sign" + ": " + replugged.read('A', glyphs));
                assertThat(replugged.memoryMaps()).as("the sign's memory map sent again").hasSize(1);
                assertThat(signError.get()).isNull();
            }
        } finally {
            pty.close();
        }
    }
}
