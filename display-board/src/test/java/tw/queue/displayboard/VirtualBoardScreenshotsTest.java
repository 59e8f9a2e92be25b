package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.board.BoardView;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.displayboard.content.BoardMessages;
import tw.queue.displayboard.content.CallScheduler.Call;
import tw.queue.displayboard.content.CallScheduler.Showing;
import tw.queue.displayboard.render.PixelGrid;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.time.ManualClock;

/** The virtual board's PNGs for the README (display-board/target/screenshots/), checked pixel by pixel. */
class VirtualBoardScreenshotsTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T01:00:00Z"));
    private final BoardLayout layout = BoardLayout.DEFAULT;
    private final BoardMessages messages = new BoardMessages(layout);

    private VirtualBoard board(BoardView view) throws Exception {
        VirtualBoard b = new VirtualBoard(layout, TextRasterizer.bundled(), clock.withZone(ZoneId.of("Asia/Taipei")), null);
        b.show(view);
        return b;
    }

    private static void save(VirtualBoard b, PixelGrid g, String name) throws Exception {
        Files.createDirectories(SHOTS);
        ImageIO.write(b.led(g, 100), "png", SHOTS.resolve(name).toFile());
    }

    @Test
    void aCallInChineseShowsHaoFromTheFontAtItsPlaceOnTheBoard() throws Exception {
        VirtualBoard b = board(messages.compose(new Showing.CallUp(new Call(1, 2001, 5, "transcript", false))));
        PixelGrid zh = b.still(0);
        save(b, zh, "board-call-zh.png");
        // 「請 2001 號 到 5 號櫃檯」 is 176 px wide, centred on 192: starts at x = 8; the first 號 at 8 + 64
        int haoX = (192 - 176) / 2 + 64;
        boolean[][] hao = TestGlyphs.bits(TestGlyphs.HAO_HEX);
        BufferedImage png = ImageIO.read(SHOTS.resolve("board-call-zh.png").toFile());
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int rgb = png.getRGB(VirtualBoard.centre(haoX + x), VirtualBoard.centre(y));
                boolean bright = ((rgb >> 16) & 0xFF) > 0x80;
                assertThat(bright).as("LED (%d,%d) of 號", x, y).isEqualTo(hao[y][x]);
                assertThat(zh.lit(haoX + x, y)).isEqualTo(hao[y][x]);
            }
        }
        assertThat(zh.lit(haoX - 1, 8) || zh.lit(haoX - 2, 8)).as("the space before 號 is dark").isFalse();
    }

    @Test
    void aCallInEnglishAndAnAnnouncementMakeTheirPictures() throws Exception {
        VirtualBoard call = board(messages.compose(new Showing.CallUp(new Call(1, 2001, 5, "transcript", false))));
        PixelGrid en = call.still(1);
        save(call, en, "board-call-en.png");
        assertThat(en).isEqualTo(centred(TextRasterizer.bundled().render("Number 2001, counter 5")));

        VirtualBoard ann = board(messages.compose(new Showing.Announcement(
                Map.of("zh-TW", "臺中市西屯區戶政事務所 歡迎您 請多利用網路預約", "en", "Welcome. Book online to skip the queue"))));
        PixelGrid zh = ann.still(0);
        save(ann, zh, "board-announcement-zh.png");
        save(ann, ann.still(1), "board-announcement-en.png");
        assertThat(zh).isEqualTo(TextRasterizer.bundled().render("臺中市西屯區戶政事務所 歡迎您 請多利用網路預約")
                .window(0, 0, 192, 16));
        assertThat(Files.size(SHOTS.resolve("board-announcement-zh.png"))).isGreaterThan(1000);
    }

    @Test
    void scrollingTextEntersFromTheRightAndAFlashingCallBlinks() throws Exception {
        VirtualBoard ann = board(messages.compose(new Showing.Announcement(Map.of("zh-TW", "歡迎"))));
        assertThat(ann.frameAt(java.time.Duration.ZERO).litCount()).isZero();
        // at 3 px per 1/16 s... speed 3 = 48 px/s: after 1 s the text's start is 48 px in from the right edge
        PixelGrid f = ann.frameAt(java.time.Duration.ofSeconds(1));
        assertThat(f).isEqualTo(TextRasterizer.bundled().render("歡迎").window(-(192 - 48), 0, 192, 16));
        BoardLayout flashing = new BoardLayout(192, 16, 1, java.util.List.of(), java.util.List.of(),
                java.util.List.of("zh-TW"), 3, BoardLayout.CallEffect.FLASH, 4, 2, BoardLayout.LedColour.RED,
                java.util.List.of(), 0);
        VirtualBoard fb = new VirtualBoard(flashing, TextRasterizer.bundled(), clock, null);
        fb.show(new BoardMessages(flashing).compose(new Showing.CallUp(new Call(1, 2001, 5, "x", false))));
        assertThat(fb.frameAt(java.time.Duration.ofMillis(100)).litCount()).isPositive();
        assertThat(fb.frameAt(java.time.Duration.ofMillis(600)).litCount()).isZero();
    }

    private PixelGrid centred(PixelGrid strip) {
        PixelGrid g = new PixelGrid(192, 16);
        g.draw(strip, (192 - strip.width()) / 2, 0);
        return g;
    }
}
