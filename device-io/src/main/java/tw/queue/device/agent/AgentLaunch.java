package tw.queue.device.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import tw.queue.config.DeviceDef;
import tw.queue.device.gpio.Gpio;
import tw.queue.device.serial.SerialLink;

/**
 * What every agent's {@code main} does before and around its own work: read the command line, open the serial
 * line and GPIO (the mock platform with {@code --simulate}), say it started, close all on shutdown, and with
 * {@code --simulate} take button presses from standard input. A setup problem is one line and exit code 2.
 */
public record AgentLaunch(String agent, AgentSetup setup, SerialLink link, Gpio gpio, AgentMessages messages) {

    public static AgentLaunch open(String agent, DeviceDef.DeviceType type, String[] args) {
        AgentMessages m = new AgentMessages(Locale.getDefault());
        AgentSetup setup;
        SerialLink link;
        try {
            setup = AgentSetup.parse(args, type, System.getenv());
            try {
                link = SerialLink.open(setup.device().serial());
            } catch (IOException e) {
                throw new AgentSetup.SetupException(m.get("cli.portFailed", setup.device().serial().port(), e.getMessage()));
            }
        } catch (AgentSetup.SetupException e) {
            throw exit(agent, e.getMessage());
        }
        try {
            Gpio gpio = setup.simulate() ? Gpio.simulated() : Gpio.onPi();
            return new AgentLaunch(agent, setup, link, gpio, m);
        } catch (RuntimeException e) {
            link.close();
            throw exit(agent, m.get("cli.gpioFailed", e.getMessage()));
        }
    }

    /** Announces the running agent, closes it, the GPIO and the line on shutdown, then reads presses if simulated. */
    public void run(AutoCloseable running, Function<String, String> pressFromConsole) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                // shutting down anyway
            }
            gpio.close();
            link.close();
        }));
        System.out.println(messages.get("agent.started", agent, setup.device().id(), link.describe(), setup.hub()));
        if (!setup.simulate()) {
            return;
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String problem = line.isBlank() ? null : pressFromConsole.apply(line.strip());
                if (problem != null) {
                    System.err.println(problem);
                }
            }
        } catch (IOException e) {
            // standard input closed: keep following the hub
        }
    }

    private static RuntimeException exit(String agent, String message) {
        System.err.println(agent + ": " + message);
        System.exit(AgentSetup.EXIT_SETUP);
        return new IllegalStateException(message); // not reached
    }
}
