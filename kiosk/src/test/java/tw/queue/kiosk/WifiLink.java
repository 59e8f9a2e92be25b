package tw.queue.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kiosk's Wi-Fi between the agent and the hub: a TCP relay on a loopback port of its own that the test can
 * drop (every open connection cut, new ones refused) and bring back on the same port, as a flaky access point does.
 */
final class WifiLink implements AutoCloseable {
    private final InetSocketAddress hub;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;

    WifiLink(URI hub) throws IOException {
        this.hub = new InetSocketAddress(hub.getHost(), hub.getPort());
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = s.getLocalPort();
        listen(s);
    }

    /** The hub's address as the kiosk sees it, through this link. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** Cuts every connection and refuses new ones. */
    synchronized void drop() {
        close(server);
        server = null;
        open.forEach(WifiLink::close);
        open.clear();
    }

    /** The access point is back, on the same address. */
    synchronized void restore() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listen(s);
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread accept = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    Socket kiosk = s.accept();
                    Socket toHub = new Socket(hub.getAddress(), hub.getPort());
                    open.add(kiosk);
                    open.add(toHub);
                    pump(kiosk, toHub);
                    pump(toHub, kiosk);
                } catch (IOException e) {
                    // closed by drop() or close()
                }
            }
        }, "wifi-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the link was cut
            } finally {
                close(from);
                close(to);
            }
        }, "wifi-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        drop();
    }
}
