package tw.queue.displayboard;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import tw.queue.config.BoardLayout;
import tw.queue.config.DeviceDef;
import tw.queue.device.agent.AgentMessages;
import tw.queue.device.agent.AgentSetup;
import tw.queue.device.serial.SerialLink;
import tw.queue.displayboard.board.AlphaDriver;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.displayboard.render.TextRasterizer;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HealthReporter;
import tw.queue.hubclient.HubClient;
import tw.queue.hubclient.HubEvent;

/**
 * {@code java -jar display-board.jar --hub URL [--config FILE] [--device ID] [--serial PATH] [--simulate] [--demo]}:
 * drives one LED board (the first board device, or {@code --device}) with the Alpha protocol on its serial line,
 * following the hub. {@code --simulate} writes the frames to {@code --serial} (a pty or a file) and keeps a PNG
 * of the virtual board up to date, at a path printed at start. Setup problems: one line, exit code 2.
 */
public final class Main {
    public static final String AGENT = "display-board 0.1.0";
    public static final String ALPHA = "alpha";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Running running;
        try {
            running = start(args, System.getenv(), System.out);
        } catch (AgentSetup.SetupException e) {
            System.err.println(e.getMessage());
            System.exit(AgentSetup.EXIT_SETUP);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "display-board-stop"));
        Thread.currentThread().join();
    }

    /** The agent at work: its parts, to look at (tests) and to stop. */
    public record Running(BoardAgent agent, EventFollower follower, HealthReporter health, PreviewUploader preview,
                          Path png) implements AutoCloseable {
        @Override
        public void close() {
            preview.close();
            follower.close();
            health.close();
            agent.close();
        }
    }

    /** Starts the agent, or says in one line what is wrong with the setup (exit code 2). */
    static Running start(String[] args, Map<String, String> env, PrintStream out) throws AgentSetup.SetupException {
        AgentMessages m = new AgentMessages(Locale.getDefault());
        AgentSetup setup = AgentSetup.parse(args, DeviceDef.DeviceType.BOARD, env);
        DeviceDef device = setup.device();
        if (!ALPHA.equals(device.serial().protocol())) {
            throw new AgentSetup.SetupException(m.get("cli.boardProtocol", device.id(), device.serial().protocol()));
        }
        SerialLink link;
        try {
            link = SerialLink.open(device.serial());
        } catch (IOException e) {
            throw new AgentSetup.SetupException(m.get("cli.portFailed", device.serial().port(), e.getMessage()));
        }
        BoardLayout layout = device.board() != null ? device.board() : BoardLayout.DEFAULT;
        Path png = setup.simulate()
                ? Path.of(System.getProperty("java.io.tmpdir"), "display-board-" + device.id() + ".png").toAbsolutePath()
                : null;
        TextRasterizer text = TextRasterizer.bundled();
        Clock clock = Clock.system(setup.office().timezone());
        HubClient hub = new HubClient(setup.hub(), setup.token());
        HealthReporter health = new HealthReporter(hub, device.id(), AGENT);
        VirtualBoard virtual = new VirtualBoard(layout, text, clock, png);
        BoardAgent agent = new BoardAgent(device.id(), layout, new AlphaDriver(layout, text, link), virtual, clock,
                health::set);
        PreviewUploader preview = new PreviewUploader(hub, device.id(), virtual);
        health.set(agent.component(), "ok");
        EventFollower follower = new EventFollower(hub, new EventFollower.Listener() {
            @Override
            public void onSnapshot(JsonNode queue) {
                agent.onSnapshot(queue);
            }

            @Override
            public void onEvent(HubEvent event) {
                agent.onEvent(event);
            }

            @Override
            public void onLink(boolean up) {
                agent.onLink(up);
                out.println(m.get(up ? "agent.hubUp" : "agent.hubDown"));
                if (up) {
                    health.resend();
                }
            }
        });
        agent.start();
        health.start();
        follower.start();
        preview.start();
        out.println(m.get("agent.started", "display-board", device.id(), device.serial().port(), setup.hub()));
        if (png != null) {
            out.println(m.get("board.png", png));
        }
        return new Running(agent, follower, health, preview, png);
    }
}
