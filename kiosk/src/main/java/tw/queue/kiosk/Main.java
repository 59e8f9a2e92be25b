package tw.queue.kiosk;

import tw.queue.config.DeviceDef;
import tw.queue.device.agent.AgentLaunch;
import tw.queue.hubclient.HubClient;

/**
 * {@code java -jar kiosk.jar --hub URL [--config FILE] [--device ID] [--serial PATH] [--simulate] [--demo]}.
 * With {@code --simulate} the Pi4J mock platform stands in for GPIO and each line on standard input presses a
 * button: a service id, or {@code bell} for the help bell.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AgentLaunch launch = AgentLaunch.open("kiosk", DeviceDef.DeviceType.KIOSK, args);
        KioskAgent agent = new KioskAgent(launch.setup().office(), launch.setup().device(),
                new HubClient(launch.setup().hub(), launch.setup().token()), launch.gpio(),
                new TicketPrinter(launch.link())).start();
        launch.run(agent, word -> agent.pressFromConsole(word) ? null : launch.messages().get("cli.noButton", word));
    }
}
