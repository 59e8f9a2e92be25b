package tw.queue.counterterminal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tw.queue.config.DeviceDef;
import tw.queue.device.agent.AgentMessages;
import tw.queue.device.agent.AgentSetup;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.modbus.ModbusMaster;
import tw.queue.device.serial.SerialLink;
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
        AgentMessages m = new AgentMessages(Locale.getDefault());
        AgentSetup setup;
        SerialLink link;
        try {
            setup = AgentSetup.parse(args, DeviceDef.DeviceType.PANEL, System.getenv());
            try {
                link = SerialLink.open(setup.device().serial());
            } catch (IOException e) {
                throw new AgentSetup.SetupException(m.get("cli.portFailed", setup.device().serial().port(), e.getMessage()));
            }
        } catch (AgentSetup.SetupException e) {
            System.err.println("counter-terminal: " + e.getMessage());
            System.exit(AgentSetup.EXIT_SETUP);
            return;
        }
        Gpio gpio;
        try {
            gpio = setup.simulate() ? Gpio.simulated() : Gpio.onPi();
        } catch (RuntimeException e) {
            System.err.println("counter-terminal: " + m.get("cli.gpioFailed", e.getMessage()));
            System.exit(AgentSetup.EXIT_SETUP);
            return;
        }
        ModbusMaster bus = new ModbusMaster(link, setup.device().display().timeoutMillis());
        CounterAgent agent = new CounterAgent(setup.device(), new HubClient(setup.hub(), setup.token()), gpio, bus)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            gpio.close();
            link.close();
        }));
        System.out.println(m.get("agent.started", "counter-terminal", setup.device().id(), link.describe(), setup.hub()));
        if (setup.simulate()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String problem = agent.pressFromConsole(line);
                    if (problem != null) {
                        System.err.println(problem);
                    }
                }
            } catch (IOException e) {
                // standard input closed: keep following the hub
            }
        }
    }
}
