package tw.queue.bench;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Counter number displays on one RS-485 line, answering as Modbus RTU slaves (Modbus over Serial Line v1.02,
 * Modbus Application Protocol v1.1b3): function 06 and 16 write holding registers and are answered (06 by its
 * echo, 16 by address, function, start and quantity), any other function gets exception 01; a frame with a
 * bad CRC or for another address gets no answer. Registers as DM-series displays take them: 0 the mode
 * (0 blank, 1 steady, 2 blinking), 1-4 the characters, left to right, in ASCII.
 */
public final class ModbusDisplay implements AutoCloseable {
    /** What one display shows after a write. */
    public record Shown(int slave, String text, int mode) {
        public boolean blank() {
            return mode == 0;
        }

        public boolean blinking() {
            return mode == 2;
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final Set<Integer> answering = ConcurrentHashMap.newKeySet();
    private final Map<Integer, int[]> registers = new HashMap<>();
    private final List<Shown> history = new CopyOnWriteArrayList<>();
    private final List<byte[]> frames = new CopyOnWriteArrayList<>();
    private final Consumer<Shown> onChange;

    public ModbusDisplay(Path port, Set<Integer> slaves) throws IOException {
        this(port, slaves, s -> { });
    }

    public ModbusDisplay(Path port, Set<Integer> slaves, Consumer<Shown> onChange) throws IOException {
        this.in = new FileInputStream(port.toFile());
        this.out = new FileOutputStream(port.toFile());
        this.answering.addAll(slaves);
        this.onChange = onChange;
        Thread t = new Thread(this::run, "modbus-display");
        t.setDaemon(true);
        t.start();
    }

    /** A display that stops answering (cable cut, powered off), or answers again. */
    public void setAnswering(int slave, boolean on) {
        if (on) {
            answering.add(slave);
        } else {
            answering.remove(slave);
        }
    }

    /** What display {@code slave} shows now (null before the first write). */
    public synchronized Shown shown(int slave) {
        int[] r = registers.get(slave);
        return r == null ? null : toShown(slave, r);
    }

    /** Every state any display went through, in order. */
    public List<Shown> history() {
        return List.copyOf(history);
    }

    /** Every frame received with a good CRC, as sent. */
    public List<byte[]> frames() {
        return List.copyOf(frames);
    }

    private void run() {
        try {
            while (true) {
                byte[] f = readFrame();
                if (f == null) {
                    continue;
                }
                handle(f);
            }
        } catch (IOException end) {
            // the line closed
        }
    }

    /** One frame by its function's layout; null when the CRC is wrong (the line is then resynchronised). */
    private byte[] readFrame() throws IOException {
        int addr = next();
        int fn = next();
        List<Integer> b = new ArrayList<>(List.of(addr, fn));
        int rest;
        if (fn == 0x06) {
            rest = 4;
        } else if (fn == 0x10) {
            for (int i = 0; i < 5; i++) {
                b.add(next());
            }
            rest = b.get(6);
        } else {
            rest = 4; // the request functions 01-06 all have four data bytes
        }
        for (int i = 0; i < rest + 2; i++) {
            b.add(next());
        }
        byte[] f = new byte[b.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (byte) (int) b.get(i);
        }
        int crc = crc(f, f.length - 2);
        if ((f[f.length - 2] & 0xFF) != (crc & 0xFF) || (f[f.length - 1] & 0xFF) != (crc >> 8)) {
            for (int n = in.available(); n > 0; n--) {
                in.read(); // drop the rest of a garbled frame
            }
            return null;
        }
        frames.add(f);
        return f;
    }

    private void handle(byte[] f) throws IOException {
        int slave = f[0] & 0xFF;
        if (!answering.contains(slave)) {
            return;
        }
        int fn = f[1] & 0xFF;
        if (fn == 0x06) {
            write(slave, u16(f, 2), new int[] {u16(f, 4)});
            reply(java.util.Arrays.copyOf(f, 6));
        } else if (fn == 0x10) {
            int start = u16(f, 2);
            int qty = u16(f, 4);
            int[] v = new int[qty];
            for (int i = 0; i < qty; i++) {
                v[i] = u16(f, 7 + 2 * i);
            }
            write(slave, start, v);
            reply(java.util.Arrays.copyOf(f, 6));
        } else {
            reply(new byte[] {(byte) slave, (byte) (fn | 0x80), 0x01});
        }
    }

    private synchronized void write(int slave, int start, int[] values) {
        int[] r = registers.computeIfAbsent(slave, s -> new int[] {0, ' ', ' ', ' ', ' '});
        for (int i = 0; i < values.length && start + i < r.length; i++) {
            r[start + i] = values[i];
        }
        if (start == 0 || start + values.length > 4) { // the mode register closes an update
            Shown s = toShown(slave, r);
            history.add(s);
            onChange.accept(s);
        }
    }

    private static Shown toShown(int slave, int[] r) {
        StringBuilder t = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            t.append((char) r[i]);
        }
        return new Shown(slave, t.toString().strip(), r[0]);
    }

    private void reply(byte[] body) throws IOException {
        int crc = crc(body, body.length);
        byte[] f = java.util.Arrays.copyOf(body, body.length + 2);
        f[body.length] = (byte) (crc & 0xFF);
        f[body.length + 1] = (byte) (crc >> 8);
        out.write(f);
        out.flush();
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("end of line");
        }
        return b;
    }

    private static int u16(byte[] f, int at) {
        return ((f[at] & 0xFF) << 8) | (f[at + 1] & 0xFF);
    }

    /** CRC-16 as the specification's appendix gives it, bit by bit. */
    static int crc(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= data[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                boolean lsb = (crc & 1) == 1;
                crc >>= 1;
                if (lsb) {
                    crc ^= 0xA001;
                }
            }
        }
        return crc;
    }

    @Override
    public void close() {
        PtyPair.closeQuietly(in, out);
    }
}
