package tw.queue.bench;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A thermal printer on the far end of a serial line, written from the Epson ESC/POS command reference: it
 * answers DLE EOT n (real-time status) with one byte, and reads a print job: text in the configured Chinese
 * encoding (FS &amp; Chinese mode), ESC @, ESC a, ESC E, ESC d, GS !, the QR code of GS ( k (function 180 stores
 * the payload), GS v 0 raster images, and GS V (cut), which ends a slip. With the paper out it prints nothing.
 */
public final class EscPosPrinter implements AutoCloseable {
    /** What the printer's sensors say. SILENT answers nothing at all (unplugged, powered off). */
    public enum State { READY, PAPER_LOW, PAPER_OUT, COVER_OPEN, SILENT }

    /** One slip as it came out of the printer. */
    public record Slip(List<String> lines, List<String> qrPayloads, int rasterRows, boolean cut) {
    }

    private final InputStream in;
    private final OutputStream out;
    private final Charset charset;
    private final Thread reader;
    private final List<Slip> slips = new CopyOnWriteArrayList<>();
    private final List<Integer> statusRequests = new CopyOnWriteArrayList<>();
    private final Consumer<Slip> onSlip;
    private volatile State state = State.READY;
    private volatile int slipsUntilPaperOut = -1;
    private volatile boolean runOutDuringNextSlip;

    // the slip being printed
    private List<String> lines = new ArrayList<>();
    private List<String> qr = new ArrayList<>();
    private int rasterRows;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();

    public EscPosPrinter(Path port, Charset charset) throws IOException {
        this(port, charset, s -> { });
    }

    public EscPosPrinter(Path port, Charset charset, Consumer<Slip> onSlip) throws IOException {
        this.in = new FileInputStream(port.toFile());
        this.out = new FileOutputStream(port.toFile());
        this.charset = charset;
        this.onSlip = onSlip;
        this.reader = new Thread(this::run, "escpos-printer");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public void setState(State s) {
        state = s;
    }

    /** The paper ends while the next slip is being printed: it never comes out whole. */
    public void runOutDuringNextSlip() {
        runOutDuringNextSlip = true;
    }

    /** The paper runs out once this many more slips have been cut. */
    public void runOutAfter(int slips) {
        slipsUntilPaperOut = slips;
    }

    public List<Slip> slips() {
        return List.copyOf(slips);
    }

    /** The n of every DLE EOT n received, in order. */
    public List<Integer> statusRequests() {
        return List.copyOf(statusRequests);
    }

    private void run() {
        try {
            while (true) {
                int b = next();
                switch (b) {
                    case 0x10 -> dle();
                    case 0x1B -> esc();
                    case 0x1D -> gs();
                    case 0x1C -> next(); // FS & / FS . : Chinese mode on or off; the encoding is configured
                    case 0x0A -> endLine();
                    default -> {
                        if (b >= 0x20 || b < 0) {
                            text.write(b);
                        }
                    }
                }
            }
        } catch (IOException end) {
            // the line closed
        }
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of line");
        }
        return b;
    }

    /** Exactly n bytes, one read at a time (readNBytes may look at the file's length, which a tty has not). */
    private byte[] bytes(int n) throws IOException {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) next();
        }
        return b;
    }

    private void dle() throws IOException {
        int b = next();
        if (b != 0x04) {
            return;
        }
        int n = next();
        statusRequests.add(n);
        State s = state;
        if (s == State.SILENT) {
            return;
        }
        int answer = 0x12; // bits 1 and 4 are always set
        switch (n) {
            case 1 -> answer |= (s == State.PAPER_OUT || s == State.COVER_OPEN) ? 0x08 : 0; // offline
            case 2 -> answer |= (s == State.COVER_OPEN ? 0x04 : 0) | (s == State.PAPER_OUT ? 0x20 : 0);
            case 3 -> { }
            case 4 -> answer |= (s == State.PAPER_LOW ? 0x0C : 0) | (s == State.PAPER_OUT ? 0x60 : 0);
            default -> {
                return;
            }
        }
        out.write(answer);
        out.flush();
    }

    private void esc() throws IOException {
        int c = next();
        switch (c) {
            case '@' -> {
                startSlip();
                if (runOutDuringNextSlip) {
                    runOutDuringNextSlip = false;
                    state = State.PAPER_OUT;
                }
            }
            case 'a', 'E', 'd', '!', '-', 'M', 't', 'R' -> next();
            default -> { }
        }
    }

    private void gs() throws IOException {
        int c = next();
        switch (c) {
            case '!', 'B', 'H', 'f', 'h', 'w' -> next();
            case 'V' -> {
                int m = next();
                if (m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104) {
                    next(); // function B, C, D: one more byte (feed amount)
                }
                cut();
            }
            case '(' -> {
                int k = next();
                int len = next() | (next() << 8);
                byte[] data = bytes(len);
                if (k == 'k' && len >= 3 && data[0] == 0x31 && data[1] == 0x50 && data[2] == 0x30) {
                    qr.add(new String(data, 3, len - 3, java.nio.charset.StandardCharsets.US_ASCII));
                }
            }
            case 'v' -> {
                next(); // '0'
                next(); // m
                int x = next() | (next() << 8);
                int y = next() | (next() << 8);
                bytes(x * y);
                rasterRows += y;
            }
            default -> { }
        }
    }

    private void startSlip() {
        lines = new ArrayList<>();
        qr = new ArrayList<>();
        rasterRows = 0;
        text.reset();
    }

    private void endLine() {
        lines.add(new String(text.toByteArray(), charset));
        text.reset();
    }

    private void cut() {
        if (text.size() > 0) {
            endLine();
        }
        if (state == State.PAPER_OUT || state == State.COVER_OPEN || state == State.SILENT) {
            startSlip(); // nothing came out
            return;
        }
        Slip s = new Slip(List.copyOf(lines), List.copyOf(qr), rasterRows, true);
        slips.add(s);
        onSlip.accept(s);
        startSlip();
        if (slipsUntilPaperOut > 0 && --slipsUntilPaperOut == 0) {
            state = State.PAPER_OUT;
        }
    }

    @Override
    public void close() {
        PtyPair.closeQuietly(in, out);
    }
}
