package tw.queue.displayboard.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.alpha.AlphaProtocol;
import tw.queue.displayboard.alpha.AlphaProtocol.TextPart;
import tw.queue.displayboard.alpha.TextRuns;
import tw.queue.displayboard.render.PixelGrid;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.device.serial.SerialLink;

/**
 * An Alpha sign: ASCII (numbers, counters, English) as text in TEXT file {@code A}; everything else (Chinese)
 * rendered with the bundled font and sent as SMALL DOTS PICTURE files, called from the same text file, so a
 * plain Alpha sign shows the numbers and English and a dots-capable one the whole call. Pictures are kept by
 * content: the fixed words of a call (請, 號 到, 號櫃檯) go over the line once, later calls only send text.
 */
public final class AlphaDriver implements BoardDriver {
    public static final char TEXT_FILE = 'A';
    /** Labels of the pool of dots pictures, in the sign's memory map. */
    public static final String PICTURE_LABELS = "BCDEFGHIJKLMNOPQ";
    public static final int TEXT_FILE_SIZE = 0x0800;
    private static final long DOTS_PAUSE_MILLIS = 100;

    private final BoardLayout layout;
    private final TextRasterizer text;
    private final SerialLink link;
    private final AlphaProtocol.Header header;
    private final AlphaProtocol.DotColour colour;
    private final int pictureWidth;
    /** Picture content (its text) -> label, least recently used first. */
    private final LinkedHashMap<String, Character> pictures = new LinkedHashMap<>(16, 0.75f, true);

    public AlphaDriver(BoardLayout layout, TextRasterizer text, SerialLink link) {
        this.layout = layout;
        this.text = text;
        this.link = link;
        this.header = new AlphaProtocol.Header(AlphaProtocol.ALL_SIGN_TYPES, layout.address());
        this.colour = switch (layout.colour()) {
            case RED -> AlphaProtocol.DotColour.RED;
            case GREEN -> AlphaProtocol.DotColour.GREEN;
            case AMBER -> AlphaProtocol.DotColour.AMBER;
        };
        this.pictureWidth = Math.min(AlphaProtocol.MAX_DOTS_WIDTH, layout.width());
    }

    /** The memory map: one text file and the picture pool, each picture as wide as the board. */
    @Override
    public synchronized void start() throws IOException {
        pictures.clear();
        List<AlphaProtocol.FileAllocation> files = new ArrayList<>();
        files.add(new AlphaProtocol.FileAllocation.Text(TEXT_FILE, TEXT_FILE_SIZE));
        for (char label : PICTURE_LABELS.toCharArray()) {
            files.add(new AlphaProtocol.FileAllocation.DotsPicture(label, 16, pictureWidth));
        }
        send(AlphaProtocol.memoryConfiguration(header, files));
        var dim = layout.dimHours();
        if (dim.isPresent()) {
            send(AlphaProtocol.dimmingTimes(header, dim.get()[0], dim.get()[1]));
        }
    }

    @Override
    public synchronized void show(BoardView view) throws IOException {
        List<TextPart> parts = new ArrayList<>();
        Map<String, Character> used = new LinkedHashMap<>();
        for (BoardView.Page page : view.pages()) {
            for (int i = 0; i < page.lines().size(); i++) {
                parts.add(new TextPart.Block(position(i, page.lines().size()), mode(page.effect())));
                if (page.effect() == BoardView.Effect.SCROLL) {
                    parts.add(new TextPart.Speed(layout.scrollSpeed()));
                }
                for (TextRuns.Run run : TextRuns.split(page.lines().get(i))) {
                    if (!run.picture()) {
                        parts.add(new TextPart.Chars(run.text()));
                        continue;
                    }
                    for (String chunk : chunks(run.text())) {
                        Character label = picture(chunk, used);
                        if (label != null) {
                            parts.add(new TextPart.CallPicture(label));
                        }
                    }
                }
            }
        }
        if (parts.isEmpty()) {
            parts.add(new TextPart.Block(AlphaProtocol.Position.FILL, AlphaProtocol.Mode.HOLD));
            parts.add(new TextPart.Chars(" "));
        }
        send(AlphaProtocol.writeText(header, TEXT_FILE, parts));
    }

    /** Sends the pictures of {@code likely} now: the fixed words of a call then cost nothing when the call comes. */
    @Override
    public synchronized void prepare(BoardView likely) throws IOException {
        Map<String, Character> used = new LinkedHashMap<>();
        for (BoardView.Page page : likely.pages()) {
            for (String line : page.lines()) {
                for (TextRuns.Run run : TextRuns.split(line)) {
                    if (run.picture()) {
                        for (String chunk : chunks(run.text())) {
                            picture(chunk, used);
                        }
                    }
                }
            }
        }
    }

    /** The label holding {@code chunk}, sending the picture first if the sign does not have it; null if the pool is full. */
    private Character picture(String chunk, Map<String, Character> used) throws IOException {
        Character label = pictures.get(chunk);
        if (label != null) {
            used.put(chunk, label);
            return label;
        }
        if (pictures.size() < PICTURE_LABELS.length()) {
            label = PICTURE_LABELS.charAt(pictures.size());
        } else {
            String victim = pictures.keySet().stream().filter(k -> !used.containsKey(k)).findFirst().orElse(null);
            if (victim == null) {
                return null; // more pictures in one view than the sign holds: the rest is left out
            }
            label = pictures.remove(victim);
        }
        PixelGrid bitmap = text.render(chunk);
        send(AlphaProtocol.writeSmallDots(header, label, bitmap, colour));
        pictures.put(chunk, label);
        used.put(chunk, label);
        return label;
    }

    /** Splits a picture run at glyph boundaries so each piece fits one picture file. */
    private List<String> chunks(String run) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int w = 0;
        for (int cp : run.codePoints().toArray()) {
            int gw = text.width(new String(Character.toChars(cp)));
            if (w + gw > pictureWidth && sb.length() > 0) {
                out.add(sb.toString());
                sb.setLength(0);
                w = 0;
            }
            sb.appendCodePoint(cp);
            w += gw;
        }
        if (sb.length() > 0) {
            out.add(sb.toString());
        }
        return out;
    }

    private static AlphaProtocol.Position position(int line, int lines) {
        if (lines < 2) {
            return AlphaProtocol.Position.FILL;
        }
        return line == 0 ? AlphaProtocol.Position.TOP : AlphaProtocol.Position.BOTTOM;
    }

    private static AlphaProtocol.Mode mode(BoardView.Effect e) {
        return switch (e) {
            case HOLD -> AlphaProtocol.Mode.HOLD;
            case FLASH -> AlphaProtocol.Mode.FLASH;
            case SCROLL -> AlphaProtocol.Mode.ROTATE;
        };
    }

    private void send(AlphaProtocol.Transmission t) throws IOException {
        for (int i = 0; i < t.parts().size(); i++) {
            if (i > 0) {
                try {
                    Thread.sleep(DOTS_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            link.write(t.parts().get(i));
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
