package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.queue.displayboard.font.Unifont;
import tw.queue.displayboard.render.PixelGrid;
import tw.queue.displayboard.render.TextRasterizer;

class FontRenderingTest {
    private final TextRasterizer text = TextRasterizer.bundled();

    @Test
    void haoIsDrawnWithTheFontsOwnPixelsWhereItStandsInTheCall() {
        PixelGrid strip = text.render("請 2001 號");
        // 請 16, space 8, 2001 4x8, space 8: 號 starts at x = 64
        assertThat(strip.width()).isEqualTo(64 + 16);
        boolean[][] hao = TestGlyphs.bits(TestGlyphs.HAO_HEX);
        boolean[][] px = new boolean[16][strip.width()];
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < strip.width(); x++) {
                px[y][x] = strip.lit(x, y);
            }
        }
        assertThat(TestGlyphs.at(px, hao, 64, 0)).as("號 at x=64:\n%s", strip).isTrue();
        assertThat(TestGlyphs.at(px, hao, 0, 0)).isFalse();
    }

    @Test
    void everyCharacterOfTheBoardTextsIsInTheBundledFont() {
        Unifont font = Unifont.bundled();
        for (String s : new String[] {"請號到櫃檯再次呼叫系統連線中", "臺中市西屯區戶政事務所歡迎您", "Reconnecting"}) {
            s.codePoints().forEach(cp -> assertThat(font.has(cp)).as("U+%04X", cp).isTrue());
        }
        assertThat(font.glyph('A').width()).isEqualTo(8);
        assertThat(font.glyph('號').width()).isEqualTo(16);
    }
}
