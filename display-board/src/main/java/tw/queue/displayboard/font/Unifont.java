package tw.queue.displayboard.font;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * GNU Unifont 15 (plane 0), bundled as its {@code .hex} source: one line per code point, {@code XXXX:} then 32 hex
 * digits for an 8x16 glyph or 64 for a 16x16 glyph, rows top to bottom, leftmost pixel in the high bit.
 * Chosen because it covers every Traditional Chinese character in Big5 and beyond at 16 pixels, the usual
 * height of one LED board line, and may be bundled (see UNIFONT-LICENSE.txt beside the font).
 * <p>Held as two flat arrays indexed by code point (a width byte, 0 for none, and 32 bytes of rows): 2 MB for the
 * 57,000 glyphs, where one object per glyph in a map took 13 MB of the agent's heap (README, issue 14).
 */
public final class Unifont {
    public static final int HEIGHT = 16;
    private static final String RESOURCE = "/tw/queue/displayboard/font/unifont-15.0.01.hex.gz";
    private static final int PLANE = 0x10000;
    private static final int BYTES_PER_GLYPH = 2 * HEIGHT;
    private static volatile Unifont instance;

    /** Per code point: 8 or 16, or 0 when the font has no glyph. */
    private final byte[] widths;
    /** Per code point, {@link #BYTES_PER_GLYPH} bytes: each row as two bytes, high byte first. */
    private final byte[] rows;

    private Unifont(byte[] widths, byte[] rows) {
        this.widths = widths;
        this.rows = rows;
    }

    /** The bundled font, read once. */
    public static Unifont bundled() {
        Unifont f = instance;
        if (f == null) {
            synchronized (Unifont.class) {
                if (instance == null) {
                    instance = load();
                }
                f = instance;
            }
        }
        return f;
    }

    /** One glyph: {@code width} is 8 or 16; {@code lit(x, y)} for 0 <= y < 16. */
    public record Glyph(int codePoint, int width, long[] rows) {
        public boolean lit(int x, int y) {
            return (rows[y] >>> (width - 1 - x) & 1) != 0;
        }
    }

    /** The glyph of a code point; a missing one comes out as the font's replacement glyph (U+FFFD). */
    public Glyph glyph(int codePoint) {
        int cp = has(codePoint) ? codePoint : 0xFFFD;
        long[] r = new long[HEIGHT];
        int at = cp * BYTES_PER_GLYPH;
        for (int y = 0; y < HEIGHT; y++, at += 2) {
            r[y] = (rows[at] & 0xFF) << 8 | rows[at + 1] & 0xFF;
        }
        return new Glyph(cp, widths[cp], r);
    }

    public boolean has(int codePoint) {
        return codePoint >= 0 && codePoint < PLANE && widths[codePoint] != 0;
    }

    /** Parses one {@code .hex} line; also used by tests holding a glyph copied from the font's source. */
    public static Glyph parseLine(String line) {
        int colon = line.indexOf(':');
        int cp = Integer.parseInt(line.substring(0, colon), 16);
        String bits = line.substring(colon + 1).trim();
        int width = bits.length() / HEIGHT * 4;
        int digitsPerRow = width / 4;
        long[] rows = new long[HEIGHT];
        for (int y = 0; y < HEIGHT; y++) {
            rows[y] = Long.parseLong(bits.substring(y * digitsPerRow, (y + 1) * digitsPerRow), 16);
        }
        return new Glyph(cp, width, rows);
    }

    private static Unifont load() {
        try (InputStream raw = Unifont.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("font resource missing from the jar: " + RESOURCE);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16),
                    StandardCharsets.US_ASCII));
            byte[] widths = new byte[PLANE];
            byte[] rows = new byte[PLANE * BYTES_PER_GLYPH];
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    Glyph g = parseLine(line);
                    int cp = g.codePoint();
                    if (cp >= PLANE) {
                        continue;
                    }
                    widths[cp] = (byte) g.width();
                    for (int y = 0, at = cp * BYTES_PER_GLYPH; y < HEIGHT; y++, at += 2) {
                        rows[at] = (byte) (g.rows()[y] >>> 8);
                        rows[at + 1] = (byte) g.rows()[y];
                    }
                }
            }
            if (widths[0xFFFD] == 0) {
                throw new IllegalStateException("font without the replacement glyph U+FFFD: " + RESOURCE);
            }
            return new Unifont(widths, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
