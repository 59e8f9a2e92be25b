package tw.queue.displayboard.render;

import java.util.Arrays;

/** A monochrome grid of LED pixels, {@code width} x {@code height}; (0, 0) is the top left. */
public final class PixelGrid {
    private final int width;
    private final int height;
    private final boolean[] lit;

    public PixelGrid(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.lit = new boolean[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean lit(int x, int y) {
        return x >= 0 && y >= 0 && x < width && y < height && lit[y * width + x];
    }

    public void set(int x, int y, boolean on) {
        if (x >= 0 && y >= 0 && x < width && y < height) {
            lit[y * width + x] = on;
        }
    }

    /** Copies {@code src} with its top left at (x, y) here, clipping at the edges. */
    public void draw(PixelGrid src, int x, int y) {
        for (int sy = 0; sy < src.height; sy++) {
            for (int sx = 0; sx < src.width; sx++) {
                if (src.lit(sx, sy)) {
                    set(x + sx, y + sy, true);
                }
            }
        }
    }

    /** A {@code w} x {@code h} window starting at (x, y); parts outside this grid are dark. */
    public PixelGrid window(int x, int y, int w, int h) {
        PixelGrid out = new PixelGrid(w, h);
        out.draw(this, -x, -y);
        return out;
    }

    public int litCount() {
        int n = 0;
        for (boolean b : lit) {
            n += b ? 1 : 0;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelGrid g && g.width == width && g.height == height && Arrays.equals(g.lit, lit);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lit) * 31 + width;
    }

    /** Rows of '#' and '.', for test failure messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                sb.append(lit(x, y) ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
