package tw.queue.bench;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test-side devices on a laptop, for the README's chain: {@code printer PTY [big5|gb18030]} prints each
 * slip's lines, QR payload and cut; {@code display PTY 1,2,3} prints what each counter display shows.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: device-bench.jar printer PTY [big5|gb18030] | display PTY SLAVES (e.g. 1,2,3)");
            System.exit(2);
        }
        Path port = Path.of(args[1]);
        if (args[0].equals("printer")) {
            Charset cs = Charset.forName(args.length > 2 ? args[2] : "Big5");
            try (EscPosPrinter p = new EscPosPrinter(port, cs, s -> {
                System.out.println("----- slip -----");
                s.lines().forEach(l -> System.out.println("| " + l));
                s.qrPayloads().forEach(q -> System.out.println("| [QR] " + q));
                System.out.println("----- cut ------");
            })) {
                System.out.println("printer on " + port + " (" + cs + "), ready");
                Thread.currentThread().join();
            }
        } else if (args[0].equals("display")) {
            Set<Integer> slaves = args.length > 2
                    ? Arrays.stream(args[2].split(",")).map(String::trim).map(Integer::valueOf).collect(Collectors.toSet())
                    : Set.of(1);
            java.util.Map<Integer, ModbusDisplay.Shown> last = new java.util.concurrent.ConcurrentHashMap<>();
            try (ModbusDisplay d = new ModbusDisplay(port, slaves, s -> {
                if (!s.equals(last.put(s.slave(), s))) { // the agent refreshes every few seconds; print changes
                    System.out.println("display " + s.slave() + ": "
                            + (s.blank() ? "(blank)" : s.text() + (s.blinking() ? " (blinking)" : "")));
                }
            })) {
                System.out.println("displays " + slaves + " on " + port + ", answering");
                Thread.currentThread().join();
            }
        } else {
            System.err.println("unknown device '" + args[0] + "'; use printer or display");
            System.exit(2);
        }
    }
}
