package tw.queue.device.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;

/**
 * The ESC/POS commands a ticket slip needs, as bytes (Epson ESC/POS Application Programming Guide / command
 * reference). Plain values in, bytes out; no I/O. A {@link EscPos} instance collects commands in order.
 */
public final class EscPos {
    public static final byte ESC = 0x1B;
    public static final byte GS = 0x1D;
    public static final byte FS = 0x1C;
    public static final byte DLE = 0x10;
    public static final byte EOT = 0x04;
    public static final byte LF = 0x0A;

    public enum Align { LEFT, CENTER, RIGHT }

    private final Charset charset;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @param charset how text is encoded: Big5 for Taiwanese printers, GB18030 for mainland firmware */
    public EscPos(Charset charset) {
        this.charset = charset;
    }

    /** ESC @: initialise the printer (clears modes left by an earlier job). */
    public EscPos init() {
        return raw(ESC, '@');
    }

    /** FS &: Chinese (double-byte) character mode on, so Big5/GB18030 bytes print as characters. */
    public EscPos chineseMode() {
        return raw(FS, '&');
    }

    /** ESC a n: justification. */
    public EscPos align(Align a) {
        return raw(ESC, 'a', a.ordinal());
    }

    /** GS ! n: character size, width and height each 1-8 times. */
    public EscPos size(int width, int height) {
        if (width < 1 || width > 8 || height < 1 || height > 8) {
            throw new IllegalArgumentException("size " + width + "x" + height + " outside 1-8");
        }
        return raw(GS, '!', ((width - 1) << 4) | (height - 1));
    }

    /** ESC E n: emphasised (bold) on or off. */
    public EscPos bold(boolean on) {
        return raw(ESC, 'E', on ? 1 : 0);
    }

    /** Text in the printer's encoding, then LF. */
    public EscPos line(String text) {
        byte[] b = text.getBytes(charset);
        out.write(b, 0, b.length);
        return raw(LF);
    }

    /** ESC d n: print and feed n lines. */
    public EscPos feed(int lines) {
        return raw(ESC, 'd', lines);
    }

    /**
     * A QR code through GS ( k (function 165 model 2, 167 module size, 169 error correction M, 180 store,
     * 181 print). The payload is ASCII (a URL).
     */
    public EscPos qr(String payload, int moduleSize) {
        byte[] data = payload.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        raw(GS, '(', 'k', 4, 0, 0x31, 0x41, 0x32, 0x00);          // model 2
        raw(GS, '(', 'k', 3, 0, 0x31, 0x43, moduleSize);          // module size in dots
        raw(GS, '(', 'k', 3, 0, 0x31, 0x45, 0x31);                // error correction level M
        int len = data.length + 3;
        raw(GS, '(', 'k', len & 0xFF, (len >> 8) & 0xFF, 0x31, 0x50, 0x30);
        out.write(data, 0, data.length);                          // store the data
        return raw(GS, '(', 'k', 3, 0, 0x31, 0x51, 0x30);         // print it
    }

    /** GS v 0: a raster bit image, {@code widthBytes} bytes (8 dots each) per row, 1 = black, MSB left. */
    public EscPos raster(int widthBytes, int heightDots, byte[] bits) {
        if (bits.length != widthBytes * heightDots) {
            throw new IllegalArgumentException("raster of " + bits.length + " bytes is not " + widthBytes + "x" + heightDots);
        }
        raw(GS, 'v', '0', 0, widthBytes & 0xFF, (widthBytes >> 8) & 0xFF, heightDots & 0xFF, (heightDots >> 8) & 0xFF);
        out.write(bits, 0, bits.length);
        return this;
    }

    /** GS V 66 n: feed to the cutter (plus n dots) and cut, leaving one point uncut (partial cut). */
    public EscPos cut() {
        return raw(GS, 'V', 66, 0);
    }

    /** Everything so far. */
    public byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * DLE EOT n: transmit real-time status; n = 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor.
     * The printer answers one byte each, even while offline.
     */
    public static byte[] statusRequest(int n) {
        if (n < 1 || n > 4) {
            throw new IllegalArgumentException("DLE EOT " + n);
        }
        return new byte[] {DLE, EOT, (byte) n};
    }

    private EscPos raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }
}
