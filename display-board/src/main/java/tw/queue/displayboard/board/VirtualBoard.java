package tw.queue.displayboard.board;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import javax.imageio.ImageIO;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.font.Unifont;
import tw.queue.displayboard.render.PixelGrid;
import tw.queue.displayboard.render.TextRasterizer;

/**
 * A board in software: the same pixel grid and font a real board gets (dots pictures are these very pixels),
 * drawn with an LED look to PNG, for the demo, the tests and the manager's preview.
 */
public final class VirtualBoard implements BoardDriver {
    /** Screen pixels per LED in the PNG. */
    public static final int PITCH = 6;
    private static final Color DARK = new Color(0x14, 0x10, 0x0C);
    private static final Color OFF_LED = new Color(0x2A, 0x22, 0x1C);

    private final BoardLayout layout;
    private final TextRasterizer text;
    private final Clock clock;
    private final Path png;
    private BoardView view = BoardView.BLANK;
    private Instant since;

    /** @param png where {@link #show} keeps the current picture, or null for none */
    public VirtualBoard(BoardLayout layout, TextRasterizer text, Clock clock, Path png) {
        this.layout = layout;
        this.text = text;
        this.clock = clock;
        this.png = png;
        this.since = clock.instant();
    }

    @Override
    public void start() {
    }

    @Override
    public synchronized void show(BoardView newView) throws IOException {
        this.view = newView;
        this.since = clock.instant();
        writePng();
    }

    public synchronized BoardView view() {
        return view;
    }

    /** Rewrites the PNG with the board as it is now (scrolling moves on); atomically, for readers. */
    public void writePng() throws IOException {
        if (png == null) {
            return;
        }
        Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(led(frameNow(), brightnessNow()), "png", tmp.toFile());
        Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The PNG bytes of the board as it is now. */
    public byte[] pngNow() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(led(frameNow(), brightnessNow()), "png", out);
        return out.toByteArray();
    }

    /** The pixels now; drawing the LED look and the PNG happen outside the lock, so a new view never waits. */
    private synchronized PixelGrid frameNow() {
        return frameAt(Duration.between(since, clock.instant()));
    }

    private int brightnessNow() {
        return layout.brightnessAt(LocalTime.ofInstant(clock.instant(), clock.getZone()));
    }

    /** The board's pixels {@code elapsed} after the view went up. */
    public synchronized PixelGrid frameAt(Duration elapsed) {
        if (view.pages().isEmpty()) {
            return new PixelGrid(layout.width(), layout.height());
        }
        long t = elapsed.toMillis();
        long total = 0;
        for (BoardView.Page p : view.pages()) {
            total += pageMillis(p);
        }
        t = t % Math.max(1, total);
        for (BoardView.Page p : view.pages()) {
            long d = pageMillis(p);
            if (t < d) {
                return page(p, t, false);
            }
            t -= d;
        }
        return page(view.pages().get(0), 0, false);
    }

    /**
     * A still of page {@code index}: held text as it stands, scrolling text with its start at the left edge
     * (what a passer-by reads first). For the README's pictures and the tests.
     */
    public synchronized PixelGrid still(int index) {
        return page(view.pages().get(index), 0, true);
    }

    private long pageMillis(BoardView.Page p) {
        if (p.effect() == BoardView.Effect.SCROLL) {
            int longest = p.lines().stream().mapToInt(text::width).max().orElse(0);
            return (layout.width() + longest) * 1000L / pixelsPerSecond();
        }
        return layout.callSeconds() * 1000L;
    }

    /** Scroll speeds 1..5 as pixels per second on the virtual board. */
    public int pixelsPerSecond() {
        return 16 * layout.scrollSpeed();
    }

    private PixelGrid page(BoardView.Page p, long t, boolean still) {
        PixelGrid out = new PixelGrid(layout.width(), layout.height());
        if (p.effect() == BoardView.Effect.FLASH && !still && (t / 500) % 2 == 1) {
            return out;
        }
        int lines = p.lines().size();
        int top = Math.max(0, (layout.height() - lines * Unifont.HEIGHT) / 2);
        for (int i = 0; i < lines; i++) {
            PixelGrid strip = text.render(p.lines().get(i));
            int x;
            if (p.effect() == BoardView.Effect.SCROLL) {
                x = still ? 0 : (int) (layout.width() - t * pixelsPerSecond() / 1000);
            } else {
                x = Math.max(0, (layout.width() - strip.width()) / 2);
            }
            out.draw(strip, x, top + i * Unifont.HEIGHT);
        }
        return out;
    }

    /** Where LED (x, y)'s centre lands in the PNG. */
    public static int centre(int led) {
        return led * PITCH + PITCH / 2 + PITCH;
    }

    /** The LED look: round dots on a dark face, lit ones in the board's colour scaled by brightness. */
    public BufferedImage led(PixelGrid grid, int brightnessPercent) {
        BufferedImage img = new BufferedImage((grid.width() + 2) * PITCH, (grid.height() + 2) * PITCH,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(DARK);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Color on = scale(litColour(layout.colour()), brightnessPercent);
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                g.setColor(grid.lit(x, y) ? on : OFF_LED);
                g.fillOval(PITCH + x * PITCH, PITCH + y * PITCH, PITCH - 1, PITCH - 1);
            }
        }
        g.dispose();
        return img;
    }

    public static Color litColour(BoardLayout.LedColour c) {
        return switch (c) {
            case RED -> new Color(0xFF, 0x30, 0x20);
            case GREEN -> new Color(0x40, 0xFF, 0x50);
            case AMBER -> new Color(0xFF, 0xB0, 0x20);
        };
    }

    private static Color scale(Color c, int percent) {
        double f = Math.max(0.1, Math.min(100, percent) / 100.0);
        return new Color((int) (c.getRed() * f), (int) (c.getGreen() * f), (int) (c.getBlue() * f));
    }

    @Override
    public void close() {
    }
}
