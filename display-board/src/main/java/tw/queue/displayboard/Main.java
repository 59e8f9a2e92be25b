package tw.queue.displayboard;

import java.io.IOException;
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
        int code = run(args, System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
        Thread.currentThread().join();
    }

    /** Starts the agent and returns 0, or prints the problem and returns 2. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        AgentMessages m = new AgentMessages(Locale.getDefault());
        AgentSetup setup;
        try {
            setup = AgentSetup.parse(args, DeviceDef.DeviceType.BOARD, env);
        } catch (AgentSetup.SetupException e) {
            err.println(e.getMessage());
            return AgentSetup.EXIT_SETUP;
        }
        DeviceDef device = setup.device();
        if (!ALPHA.equals(device.serial().protocol())) {
            err.println(m.get("cli.boardProtocol", device.id(), device.serial().protocol()));
            return AgentSetup.EXIT_SETUP;
        }
        SerialLink link;
        try {
            link = SerialLink.open(device.serial());
        } catch (IOException e) {
            err.println(m.get("cli.portFailed", device.serial().port(), e.getMessage()));
            return AgentSetup.EXIT_SETUP;
        }
        BoardLayout layout = device.board() != null ? device.board() : BoardLayout.DEFAULT;
        Path png = setup.simulate()
                ? Path.of(System.getProperty("java.io.tmpdir"), "display-board-" + device.id() + ".png").toAbsolutePath()
                : null;
        TextRasterizer text = TextRasterizer.bundled();
        Clock clock = Clock.system(setup.office().timezone());
        HubClient hub = new HubClient(setup.hub(), setup.token());
        HealthReporter health = new HealthReporter(hub, device.id(), AGENT);
        BoardAgent agent = new BoardAgent(device.id(), layout, new AlphaDriver(layout, text, link),
                new VirtualBoard(layout, text, clock, png), clock, health::set);
        health.set(agent.component(), "ok");
        EventFollower follower = new EventFollower(hub, new EventFollower.Listener() {
            @Override
            public void onSnapshot(com.fasterxml.jackson.databind.JsonNode queue) {
                agent.onSnapshot(queue);
            }

            @Override
            public void onEvent(tw.queue.hubclient.HubEvent event) {
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
        out.println(m.get("agent.started", "display-board", device.id(), device.serial().port(), setup.hub()));
        if (png != null) {
            out.println(m.get("board.png", png));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            follower.close();
            health.close();
            agent.close();
        }, "display-board-stop"));
        return 0;
    }
}
