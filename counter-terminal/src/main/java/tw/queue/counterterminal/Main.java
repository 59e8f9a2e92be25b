package tw.queue.counterterminal;

import tw.queue.config.DeviceDef;
import tw.queue.device.agent.AgentLaunch;
import tw.queue.device.modbus.ModbusMaster;
import tw.queue.hubclient.HubClient;

/**
 * {@code java -jar counter-terminal.jar --hub URL [--config FILE] [--device ID] [--serial PATH] [--simulate]
 * [--demo]}. With {@code --simulate} the Pi4J mock platform stands in for GPIO and each line on standard input
 * presses a button: {@code call}, {@code recall}, {@code finish}, {@code no-show}, {@code pause},
 * {@code rate good|ok|bad}, optionally followed by a counter number.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AgentLaunch launch = AgentLaunch.open("counter-terminal", DeviceDef.DeviceType.PANEL, args);
        ModbusMaster bus = new ModbusMaster(launch.link(), launch.setup().device().display().timeoutMillis());
        CounterAgent agent = new CounterAgent(launch.setup().device(),
                new HubClient(launch.setup().hub(), launch.setup().token()), launch.gpio(), bus).start();
        launch.run(agent, line -> agent.pressFromConsole(line, launch.messages()));
    }
}
