package tw.queue.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tw.queue.hub.testing.TestHub;

/**
 * The demo's accounts and device tokens are public (README, start banner), so a demo hub started without
 * {@code --host} must not be reachable from the office LAN; a real office's hub listens on every interface.
 */
class DemoListensOnLoopbackTest {

    private static HubMain parse(String... args) {
        HubMain main = new HubMain();
        new CommandLine(main).parseArgs(args);
        return main;
    }

    @Test
    void aDemoHubStartedWithoutHostTakesLoopbackAndARealOfficeEveryInterface() {
        assertThat(parse("--demo").listenHost()).isEqualTo("127.0.0.1");
        assertThat(parse("--demo", "--host", "0.0.0.0").listenHost()).isEqualTo("0.0.0.0");
        assertThat(parse("--config", "office.yaml").listenHost()).isEqualTo("0.0.0.0");
        assertThat(parse("--config", "office.yaml", "--host", "10.0.0.5").listenHost()).isEqualTo("10.0.0.5");
    }

    @Test
    void aDemoHubCannotBeReachedFromTheLanButFromThisMachine(@TempDir Path data) throws IOException {
        try (TestHub hub = TestHub.demoListeningOn(data, parse("--demo").listenHost())) {
            try (Socket local = new Socket()) {
                local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hub.port()), 2000);
                assertThat(local.isConnected()).isTrue();
            }
            Optional<InetAddress> lan = lanAddress();
            if (lan.isPresent()) {
                assertThatThrownBy(() -> {
                    try (Socket fromLan = new Socket()) {
                        fromLan.connect(new InetSocketAddress(lan.get(), hub.port()), 2000);
                    }
                }).isInstanceOf(IOException.class);
            }
        }
    }

    /** This machine's address on its network, if it has one besides loopback. */
    private static Optional<InetAddress> lanAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
