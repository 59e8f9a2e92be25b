package tw.queue.displayboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Glyphs read straight from the bundled Unifont .hex file (not through the agent's font code), to read dots
 * pictures back into text: a small exact-match OCR over the characters a test expects.
 */
final class TestGlyphs {
    /** 「號」 (U+865F) as the line in GNU Unifont 15.0.01's unifont.hex reads. */
    static final String HAO_HEX = "865F:0020783E482049FE4922793801E0FD22211E41007978094809480A4A524A2486";

    private final Map<Integer, boolean[][]> glyphs = new HashMap<>();

    TestGlyphs(String characters) {
        Map<Integer, String> wanted = new HashMap<>();
        characters.codePoints().forEach(cp -> wanted.put(cp, null));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                TestGlyphs.class.getResourceAsStream("/tw/queue/displayboard/font/unifont-15.0.01.hex.gz")),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                int cp = Integer.parseInt(line.substring(0, line.indexOf(':')), 16);
                if (wanted.containsKey(cp)) {
                    glyphs.put(cp, bits(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows x columns of a .hex line. */
    static boolean[][] bits(String hexLine) {
        String hex = hexLine.substring(hexLine.indexOf(':') + 1);
        int width = hex.length() / 16 * 4;
        boolean[][] px = new boolean[16][width];
        for (int y = 0; y < 16; y++) {
            long row = Long.parseLong(hex.substring(y * width / 4, (y + 1) * width / 4), 16);
            for (int x = 0; x < width; x++) {
                px[y][x] = (row >>> (width - 1 - x) & 1) != 0;
            }
        }
        return px;
    }

    /** Whether {@code glyph} is at column {@code x0} of {@code px} (16 rows from {@code y0}). */
    static boolean at(boolean[][] px, boolean[][] glyph, int x0, int y0) {
        for (int y = 0; y < glyph.length; y++) {
            for (int x = 0; x < glyph[0].length; x++) {
                boolean p = y0 + y < px.length && x0 + x < px[0].length && px[y0 + y][x0 + x];
                if (p != glyph[y][x]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Reads a 16-row picture left to right; an unreadable cell becomes '?'. */
    String read(boolean[][] px) {
        StringBuilder sb = new StringBuilder();
        int x = 0;
        int width = px[0].length;
        outer:
        while (x < width) {
            for (var e : glyphs.entrySet().stream()
                    .sorted((a, b) -> b.getValue()[0].length - a.getValue()[0].length).toList()) {
                boolean[][] g = e.getValue();
                if (x + g[0].length <= width && at(px, g, x, 0)) {
                    sb.appendCodePoint(e.getKey());
                    x += g[0].length;
                    continue outer;
                }
            }
            sb.append('?');
            x += 8;
        }
        return sb.toString();
    }
}
