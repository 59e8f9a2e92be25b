package tw.queue.device.escpos;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Text drawn into a 1-bit raster for printers without a Chinese font (printer encoding {@code raster}): each
 * line becomes rows of dots for {@link EscPos#raster}. Uses a CJK font when the machine has one (Noto CJK,
 * WenQuanYi, Unifont), else the JVM's sans-serif.
 */
public final class RasterText {
    private static final List<String> CJK_FONTS = List.of("Noto Sans CJK TC", "Noto Sans TC", "Noto Sans CJK SC",
            "WenQuanYi Zen Hei", "Unifont");
    private static final String FAMILY = pickFamily();

    /** One rendered line: {@code widthBytes} bytes per row, {@code heightDots} rows. */
    public record Bitmap(int widthBytes, int heightDots, byte[] bits) {
        public boolean isBlank() {
            for (byte b : bits) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    private RasterText() {
    }

    /** Renders {@code text} centred on a line {@code widthDots} wide with letters {@code pixelHeight} tall. */
    public static Bitmap render(String text, int widthDots, int pixelHeight, boolean bold) {
        int widthBytes = (widthDots + 7) / 8;
        Font font = new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, pixelHeight);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(font);
        pg.dispose();
        int height = fm.getAscent() + fm.getDescent();
        BufferedImage img = new BufferedImage(widthBytes * 8, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), height);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setFont(font);
        int x = Math.max(0, (img.getWidth() - fm.stringWidth(text)) / 2);
        g.drawString(text, x, fm.getAscent());
        g.dispose();
        byte[] bits = new byte[widthBytes * height];
        for (int y = 0; y < height; y++) {
            for (int px = 0; px < img.getWidth(); px++) {
                if ((img.getRaster().getSample(px, y, 0) & 0xFF) < 128) {
                    bits[y * widthBytes + px / 8] |= (byte) (0x80 >> (px % 8));
                }
            }
        }
        return new Bitmap(widthBytes, height, bits);
    }

    private static String pickFamily() {
        try {
            List<String> installed = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames());
            return CJK_FONTS.stream().filter(installed::contains).findFirst().orElse(Font.SANS_SERIF);
        } catch (RuntimeException | Error e) {
            return Font.SANS_SERIF;
        }
    }
}
