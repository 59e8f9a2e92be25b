package tw.queue.hubclient;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The agents' background timers: one named daemon thread each, so a timer never keeps an agent from exiting. */
public final class Background {
    private Background() {
    }

    public static ScheduledExecutorService scheduler(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }
}
