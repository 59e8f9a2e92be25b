package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.bench.PtyPair;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.board.AlphaDriver;
import tw.queue.displayboard.content.BoardMessages;
import tw.queue.displayboard.content.CallScheduler.Call;
import tw.queue.displayboard.content.CallScheduler.Showing;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.config.DeviceDef;
import tw.queue.device.serial.SerialLink;
import tw.queue.testsupport.Await;

/** The Alpha driver over a real pty pair (jSerialComm on one end), read by a sign written from the protocol document. */
class AlphaSignOverPtyTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final AlphaSignDecoder sign = new AlphaSignDecoder();
    private final AtomicReference<Throwable> signError = new AtomicReference<>();
    private final TestGlyphs glyphs = new TestGlyphs("請號到櫃檯再次呼叫系統連線中歡迎您多利用網路預約 ");
    private final BoardMessages messages = new BoardMessages(BoardLayout.DEFAULT);
    @TempDir
    Path dir;
    private PtyPair pty;
    private AlphaDriver driver;

    @BeforeEach
    void wire() throws Exception {
        Assumptions.assumeTrue(PtyPair.socatAvailable(), "socat is needed: apt-get install socat");
        pty = PtyPair.create(dir, "sign");
        sign.listen(pty.deviceEnd(), signError::set);
        driver = new AlphaDriver(BoardLayout.DEFAULT, TextRasterizer.bundled(),
                SerialLink.open(new DeviceDef.SerialPortDef(pty.agentEnd().toString(), 9600, "alpha", 7,
                        DeviceDef.Parity.EVEN, 1)));
    }

    @AfterEach
    void unwire() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (pty != null) {
            pty.close();
        }
    }

    private void awaitPackets(int n) {
        Await.until(WAIT, () -> sign.packets().size() >= n || signError.get() != null, () -> n + " packets" + ": " + sign.packets().size() + " so far");
        assertThat(signError.get()).as("the sign rejected a packet").isNull();
    }

    @Test
    void aCallReachesTheSignAsTextWithChinesePicturesAndHaoInTheFontsPixels() throws Exception {
        driver.start();
        driver.show(messages.compose(new Showing.CallUp(new Call(1, 2001, 5, "transcript", false))));
        // memory map, three pictures (請 / 號 到 / 號櫃檯), the text file
        awaitPackets(5);
        assertThat(sign.memoryMaps()).hasSize(1);
        assertThat(sign.memoryMaps().get(0)).startsWith("AAU0800FF00BDU10C01000");
        assertThat(sign.read('A', glyphs)).isEqualTo("請 2001 號 到 5 號櫃檯 | Number 2001, counter 5");

        List<AlphaSignDecoder.Item> items = sign.textFile('A');
        int number = items.indexOf(new AlphaSignDecoder.Item.Text(" 2001 "));
        AlphaSignDecoder.Item.Picture haoDao = (AlphaSignDecoder.Item.Picture) items.get(number + 1);
        boolean[][] px = sign.picture(haoDao.label());
        assertThat(px[0].length).isEqualTo(16 + 8 + 16);
        assertThat(TestGlyphs.at(px, TestGlyphs.bits(TestGlyphs.HAO_HEX), 0, 0)).as("號 at the picture's left").isTrue();
        assertThat(sign.packets()).allSatisfy(p -> assertThat(p.address()).isEqualTo("00"));
    }

    @Test
    void theNextCallSendsOnlyTextAndTheAnnouncementScrolls() throws Exception {
        driver.start();
        driver.show(messages.compose(new Showing.CallUp(new Call(1, 2001, 5, "transcript", false))));
        awaitPackets(5);
        driver.show(messages.compose(new Showing.CallUp(new Call(2, 1023, 12, "transcript", false))));
        awaitPackets(6);
        assertThat(sign.packets().get(5).command()).isEqualTo('A');
        assertThat(sign.read('A', glyphs)).isEqualTo("請 1023 號 到 12 號櫃檯 | Number 1023, counter 12");

        driver.show(messages.compose(new Showing.Announcement(Map.of("zh-TW", "歡迎您 請多利用網路預約",
                "en", "Welcome. Book online"))));
        awaitPackets(7);
        Await.until(WAIT, () -> sign.read('A', glyphs).equals("歡迎您 請多利用網路預約 | Welcome. Book online"), () -> "the announcement" + ": " + sign.read('A', glyphs));
        assertThat(sign.textFile('A').get(0)).isEqualTo(new AlphaSignDecoder.Item.Block(0x30, 'a'));
        assertThat(sign.textFile('A').get(1)).isEqualTo(new AlphaSignDecoder.Item.Speed(3));
    }
}
