package tw.queue.displayboard.render;

import tw.queue.displayboard.font.Unifont;

/** Lays text out in a 16-pixel-high strip, glyph after glyph, with the bundled Unifont. */
public final class TextRasterizer {
    private final Unifont font;

    public TextRasterizer(Unifont font) {
        this.font = font;
    }

    public static TextRasterizer bundled() {
        return new TextRasterizer(Unifont.bundled());
    }

    /** Width in pixels of {@code text} (8 per half-width glyph, 16 per full-width). */
    public int width(String text) {
        return text.codePoints().map(cp -> font.glyph(cp).width()).sum();
    }

    public PixelGrid render(String text) {
        PixelGrid strip = new PixelGrid(width(text), Unifont.HEIGHT);
        int x = 0;
        for (int cp : text.codePoints().toArray()) {
            Unifont.Glyph g = font.glyph(cp);
            for (int y = 0; y < Unifont.HEIGHT; y++) {
                for (int gx = 0; gx < g.width(); gx++) {
                    if (g.lit(gx, y)) {
                        strip.set(x + gx, y, true);
                    }
                }
            }
            x += g.width();
        }
        return strip;
    }
}
