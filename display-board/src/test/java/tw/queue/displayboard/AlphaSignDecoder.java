package tw.queue.displayboard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign's side of the Alpha Sign Communications Protocol (Adaptive Micro Systems 9708-8061), written from the
 * document for the tests, independent of the agent's encoder: reads packets off a byte stream (at least five NUL
 * sync bytes, SOH, type code, two hex address digits, STX, command, ETX, four hex checksum digits over STX..ETX,
 * EOT), checks them, and keeps the files a sign would hold: TEXT files and SMALL DOTS PICTURE files.
 */
final class AlphaSignDecoder {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<Packet> packets = new ArrayList<>();
    private final Map<Character, List<Item>> textFiles = new HashMap<>();
    private final Map<Character, boolean[][]> pictures = new HashMap<>();
    private final List<String> memoryMaps = new ArrayList<>();
    private final List<Shown> history = new ArrayList<>();

    /** TEXT file {@code A} as written at one moment, with the pictures the sign held then. */
    record Shown(long nanos, List<Item> items, Map<Character, boolean[][]> pictures) {
    }

    record Packet(char typeCode, String address, char command, byte[] data, long receivedNanos) {
    }

    /** An item of a TEXT file: a block start (position, mode), printable text, or a called picture. */
    sealed interface Item {
        record Block(int position, char mode) implements Item {
        }

        record Text(String text) implements Item {
        }

        record Picture(char label) implements Item {
        }

        record Speed(int level) implements Item {
        }
    }

    /** Reads the sign's end of a pty pair on a thread of its own until the pair goes away. */
    Thread listen(java.nio.file.Path signEnd, java.util.function.Consumer<Throwable> onError) throws java.io.IOException {
        java.io.InputStream in = java.nio.file.Files.newInputStream(signEnd);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    feed(buf, n);
                }
            } catch (java.io.IOException closed) {
                // the pair went away
            } catch (Throwable e) {
                onError.accept(e);
            }
        }, "test-sign");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Feeds bytes as they come off the line; returns the packets completed by them. */
    synchronized List<Packet> feed(byte[] bytes, int n) {
        pending.write(bytes, 0, n);
        List<Packet> done = new ArrayList<>();
        while (true) {
            byte[] buf = pending.toByteArray();
            int eot = indexOf(buf, (byte) 0x04, 0);
            if (eot < 0) {
                return done;
            }
            Packet p = parse(java.util.Arrays.copyOfRange(buf, 0, eot + 1));
            pending.reset();
            pending.write(buf, eot + 1, buf.length - eot - 1);
            packets.add(p);
            apply(p);
            done.add(p);
        }
    }

    private static Packet parse(byte[] b) {
        int i = 0;
        while (i < b.length && b[i] == 0) {
            i++;
        }
        if (i < 5) {
            throw new AssertionError("fewer than 5 sync NULs: " + i);
        }
        expect(b, i++, 0x01, "SOH");
        char type = (char) b[i++];
        String address = new String(b, i, 2, StandardCharsets.US_ASCII);
        Integer.parseInt(address, 16);
        i += 2;
        int stx = i;
        expect(b, i++, 0x02, "STX");
        char command = (char) b[i++];
        int etx = indexOf(b, (byte) 0x03, i);
        if (etx < 0) {
            throw new AssertionError("no ETX");
        }
        byte[] data = java.util.Arrays.copyOfRange(b, i, etx);
        int sum = 0;
        for (int k = stx; k <= etx; k++) {
            sum += b[k] & 0xFF;
        }
        String checksum = new String(b, etx + 1, 4, StandardCharsets.US_ASCII);
        if (Integer.parseInt(checksum, 16) != (sum & 0xFFFF)) {
            throw new AssertionError("checksum " + checksum + " but bytes sum to " + Integer.toHexString(sum & 0xFFFF));
        }
        expect(b, etx + 5, 0x04, "EOT");
        for (byte x : b) {
            if ((x & 0x80) != 0) {
                throw new AssertionError("8-bit byte on a 7-bit line");
            }
        }
        return new Packet(type, address, command, data, System.nanoTime());
    }

    private void apply(Packet p) {
        byte[] d = p.data();
        switch (p.command()) {
            case 'A' -> {
                textFiles.put((char) d[0], items(d));
                if (d[0] == 'A') {
                    history.add(new Shown(p.receivedNanos(), items(d), Map.copyOf(pictures)));
                }
            }
            case 'I' -> {
                char label = (char) d[0];
                int h = Integer.parseInt(new String(d, 1, 2, StandardCharsets.US_ASCII), 16);
                int w = Integer.parseInt(new String(d, 3, 2, StandardCharsets.US_ASCII), 16);
                boolean[][] px = new boolean[h][w];
                int k = 5;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        char c = (char) d[k++];
                        if (c < '0' || c > '9') {
                            throw new AssertionError("pixel code " + c);
                        }
                        px[y][x] = c != '0';
                    }
                    if (d[k++] != 0x0D) {
                        throw new AssertionError("row " + y + " not ended by CR");
                    }
                }
                if (k != d.length) {
                    throw new AssertionError("extra bytes after the picture rows");
                }
                pictures.put(label, px);
            }
            case 'E' -> {
                if (d[0] == '$') {
                    memoryMaps.add(new String(d, 1, d.length - 1, StandardCharsets.US_ASCII));
                    if ((d.length - 1) % 11 != 0) {
                        throw new AssertionError("memory map entries are 11 bytes each");
                    }
                }
            }
            default -> throw new AssertionError("unexpected command " + p.command());
        }
    }

    private static List<Item> items(byte[] d) {
        List<Item> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < d.length; i++) {
            int b = d[i] & 0xFF;
            if (b >= 0x20 && b <= 0x7E) {
                text.append((char) b);
                continue;
            }
            if (text.length() > 0) {
                items.add(new Item.Text(text.toString()));
                text.setLength(0);
            }
            if (b == 0x1B) {
                items.add(new Item.Block(d[i + 1], (char) d[i + 2]));
                i += 2;
            } else if (b == 0x14) {
                items.add(new Item.Picture((char) d[++i]));
            } else if (b >= 0x15 && b <= 0x19) {
                items.add(new Item.Speed(b - 0x14));
            } else {
                throw new AssertionError("unknown control byte 0x" + Integer.toHexString(b));
            }
        }
        if (text.length() > 0) {
            items.add(new Item.Text(text.toString()));
        }
        return items;
    }

    synchronized List<Packet> packets() {
        return List.copyOf(packets);
    }

    synchronized List<Item> textFile(char label) {
        return textFiles.getOrDefault(label, List.of());
    }

    synchronized boolean[][] picture(char label) {
        return pictures.get(label);
    }

    synchronized List<String> memoryMaps() {
        return List.copyOf(memoryMaps);
    }

    /**
     * What TEXT file {@code label} reads as on a dots-capable sign, blocks joined with " | ": text as is, each
     * called picture read back into characters by matching the glyphs in {@code glyphs}.
     */
    synchronized String read(char label, TestGlyphs glyphs) {
        return read(textFile(label), pictures, glyphs);
    }

    /** Every write of TEXT file A so far, in order. */
    synchronized List<Shown> history() {
        return List.copyOf(history);
    }

    static String read(Shown shown, TestGlyphs glyphs) {
        return read(shown.items(), shown.pictures(), glyphs);
    }

    private static String read(List<Item> items, Map<Character, boolean[][]> pictures, TestGlyphs glyphs) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Item item : items) {
            if (item instanceof Item.Block) {
                if (!first) {
                    sb.append(" | ");
                }
                first = false;
            } else if (item instanceof Item.Text t) {
                sb.append(t.text());
            } else if (item instanceof Item.Picture p) {
                boolean[][] px = pictures.get(p.label());
                sb.append(px == null ? "<missing picture " + p.label() + ">" : glyphs.read(px));
            }
        }
        return sb.toString();
    }

    private static int indexOf(byte[] b, byte v, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static void expect(byte[] b, int i, int v, String name) {
        if (i >= b.length || b[i] != v) {
            throw new AssertionError(name + " expected at " + i);
        }
    }
}
