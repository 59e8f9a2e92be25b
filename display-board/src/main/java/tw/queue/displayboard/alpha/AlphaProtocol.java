package tw.queue.displayboard.alpha;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import tw.queue.displayboard.render.PixelGrid;

/**
 * The Alpha Sign Communications Protocol (Adaptive Micro Systems, document 9708-8061), standard "1-byte"
 * packets: encoder of plain values into bytes, nothing else. A packet is
 * {@code NUL x5, SOH, type code, address (2 hex digits), STX, command code, data, ETX, checksum (4 hex digits:
 * the 16-bit sum of the bytes from STX through ETX), EOT}. Signs take 7 data bits, so every byte is ASCII.
 *
 * <p>Commands used: {@code A} write TEXT file, {@code I} write SMALL DOTS PICTURE file, {@code E$} memory
 * configuration (special function), which a sign needs before it stores a DOTS PICTURE file.
 */
public final class AlphaProtocol {
    public static final byte NUL = 0x00;
    public static final byte SOH = 0x01;
    public static final byte STX = 0x02;
    public static final byte ETX = 0x03;
    public static final byte EOT = 0x04;
    public static final byte ESC = 0x1B;
    public static final byte CR = 0x0D;
    /** In a TEXT file: {@code 0x14 label} shows the SMALL DOTS PICTURE of that label at this place. */
    public static final byte CALL_DOTS_PICTURE = 0x14;
    /** In a TEXT file: {@code 0x15}..{@code 0x19} set the speed, 1 (slowest) to 5. */
    public static final byte SPEED_1 = 0x15;
    public static final int SYNC_NULS = 5;
    /** Type code {@code Z}: every sign type on the line. */
    public static final char ALL_SIGN_TYPES = 'Z';
    public static final char WRITE_TEXT = 'A';
    public static final char WRITE_SPECIAL = 'E';
    public static final char WRITE_SMALL_DOTS = 'I';
    public static final char MEMORY_CONFIGURATION = '$';
    public static final char DIMMING_CONTROL = '/';
    public static final int MAX_DOTS_WIDTH = 255;
    public static final int MAX_DOTS_HEIGHT = 31;

    private AlphaProtocol() {
    }

    /** Where a TEXT file's block goes on the sign (the byte after ESC). */
    public enum Position {
        MIDDLE(0x20), TOP(0x22), BOTTOM(0x26), FILL(0x30);

        public final byte code;

        Position(int code) {
            this.code = (byte) code;
        }
    }

    /** How a block is shown (the byte after the position). */
    public enum Mode {
        ROTATE('a'), HOLD('b'), FLASH('c'), ROLL_LEFT('g'), AUTOMODE('o'), COMPRESSED_ROTATE('t');

        public final byte code;

        Mode(char code) {
            this.code = (byte) code;
        }
    }

    /** Pixel colour codes of a DOTS PICTURE row. */
    public enum DotColour {
        OFF('0'), RED('1'), GREEN('2'), AMBER('3');

        public final byte code;

        DotColour(char code) {
            this.code = (byte) code;
        }
    }

    /** One piece of a TEXT file. */
    public sealed interface TextPart {
        /** {@code ESC position mode}: starts a block. */
        record Block(Position position, Mode mode) implements TextPart {
        }

        /** Printable ASCII shown with the sign's own font. */
        record Chars(String text) implements TextPart {
            public Chars {
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c < 0x20 || c > 0x7E) {
                        throw new IllegalArgumentException("not printable ASCII at " + i + ": U+"
                                + Integer.toHexString(c).toUpperCase(Locale.ROOT));
                    }
                }
            }
        }

        record CallPicture(char label) implements TextPart {
        }

        record Speed(int level) implements TextPart {
            public Speed {
                if (level < 1 || level > 5) {
                    throw new IllegalArgumentException("speed " + level + " outside 1..5");
                }
            }
        }
    }

    /** A file in the sign's memory: a TEXT file of {@code size} bytes, or a DOTS PICTURE of height x width. */
    public sealed interface FileAllocation {
        char label();

        record Text(char label, int size) implements FileAllocation {
        }

        record DotsPicture(char label, int height, int width) implements FileAllocation {
        }
    }

    /** Address 0 reaches every sign on the line. */
    public record Header(char typeCode, int address) {
        public Header {
            if (address < 0 || address > 0xFF) {
                throw new IllegalArgumentException("address " + address + " outside 0..255");
            }
        }

        public static Header broadcast() {
            return new Header(ALL_SIGN_TYPES, 0);
        }
    }

    /**
     * One packet as written, in parts: the sender waits 100 ms between parts (the protocol asks for that pause
     * after a DOTS PICTURE's width, before its rows). {@link #bytes()} is the packet itself.
     */
    public record Transmission(List<byte[]> parts) {
        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    /** Write TEXT file {@code label} with the given parts. */
    public static Transmission writeText(Header header, char label, List<TextPart> parts) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(WRITE_TEXT);
        data.write(label(label));
        for (TextPart p : parts) {
            if (p instanceof TextPart.Block b) {
                data.write(ESC);
                data.write(b.position().code);
                data.write(b.mode().code);
            } else if (p instanceof TextPart.Chars c) {
                data.writeBytes(c.text().getBytes(StandardCharsets.US_ASCII));
            } else if (p instanceof TextPart.CallPicture c) {
                data.write(CALL_DOTS_PICTURE);
                data.write(label(c.label()));
            } else if (p instanceof TextPart.Speed s) {
                data.write(SPEED_1 + s.level() - 1);
            }
        }
        return new Transmission(List.of(packet(header, data.toByteArray())));
    }

    /** Write SMALL DOTS PICTURE {@code label}: height and width as 2 hex digits, then one CR-ended row each. */
    public static Transmission writeSmallDots(Header header, char label, PixelGrid picture, DotColour colour) {
        if (picture.width() < 1 || picture.width() > MAX_DOTS_WIDTH
                || picture.height() < 1 || picture.height() > MAX_DOTS_HEIGHT) {
            throw new IllegalArgumentException("small dots picture " + picture.width() + "x" + picture.height()
                    + " outside 1..255 x 1..31");
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(WRITE_SMALL_DOTS);
        head.write(label(label));
        head.writeBytes(hex2(picture.height()));
        head.writeBytes(hex2(picture.width()));
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        for (int y = 0; y < picture.height(); y++) {
            for (int x = 0; x < picture.width(); x++) {
                rows.write(picture.lit(x, y) ? colour.code : DotColour.OFF.code);
            }
            rows.write(CR);
        }
        byte[] whole = packet(header, concat(head.toByteArray(), rows.toByteArray()));
        int split = SYNC_NULS + 4 + 1 + head.size();
        return new Transmission(List.of(slice(whole, 0, split), slice(whole, split, whole.length)));
    }

    /**
     * Special function {@code E$}: the files the sign keeps, replacing its whole memory map. Per file: label,
     * type ({@code A} text, {@code D} dots picture), {@code U} (unlocked), size as 4 hex digits (bytes for text,
     * height then width for a picture), then 4 more: {@code FF00} (text always shown) or {@code 1000}
     * (monochrome picture).
     */
    public static Transmission memoryConfiguration(Header header, List<FileAllocation> files) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(WRITE_SPECIAL);
        data.write(MEMORY_CONFIGURATION);
        for (FileAllocation f : files) {
            data.write(label(f.label()));
            if (f instanceof FileAllocation.Text t) {
                data.write('A');
                data.write('U');
                data.writeBytes(hex4(t.size()));
                data.writeBytes(ascii("FF00"));
            } else if (f instanceof FileAllocation.DotsPicture d) {
                data.write('D');
                data.write('U');
                data.writeBytes(hex2(d.height()));
                data.writeBytes(hex2(d.width()));
                data.writeBytes(ascii("1000"));
            }
        }
        return new Transmission(List.of(packet(header, data.toByteArray())));
    }

    /**
     * Special function {@code E/} (dimming control): the sign runs dimmed from {@code startHour} to
     * {@code stopHour} (whole hours 0..23, two hex digits each) and bright the rest of the day.
     */
    public static Transmission dimmingTimes(Header header, int startHour, int stopHour) {
        if (startHour < 0 || startHour > 23 || stopHour < 0 || stopHour > 23) {
            throw new IllegalArgumentException("hours " + startHour + ".." + stopHour + " outside 0..23");
        }
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(WRITE_SPECIAL);
        data.write(DIMMING_CONTROL);
        data.writeBytes(hex2(startHour));
        data.writeBytes(hex2(stopHour));
        return new Transmission(List.of(packet(header, data.toByteArray())));
    }

    /** Sync, header, {@code STX}, the command and its data, {@code ETX}, checksum, {@code EOT}. */
    static byte[] packet(Header header, byte[] command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < SYNC_NULS; i++) {
            out.write(NUL);
        }
        out.write(SOH);
        out.write(header.typeCode());
        out.writeBytes(hex2(header.address()));
        int sum = STX + ETX;
        out.write(STX);
        for (byte b : command) {
            out.write(b);
            sum += b & 0xFF;
        }
        out.write(ETX);
        out.writeBytes(hex4(sum & 0xFFFF));
        out.write(EOT);
        return out.toByteArray();
    }

    private static int label(char label) {
        if (label < 0x20 || label > 0x75 || label == '0' || label == '?') {
            throw new IllegalArgumentException("file label '" + label + "' not valid");
        }
        return label;
    }

    private static byte[] hex2(int v) {
        return ascii(String.format(Locale.ROOT, "%02X", v));
    }

    private static byte[] hex4(int v) {
        return ascii(String.format(Locale.ROOT, "%04X", v));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] slice(byte[] a, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(a, from, out, 0, out.length);
        return out;
    }
}
