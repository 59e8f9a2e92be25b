package tw.queue.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** "The office's log collector takes JSON": with --log-format json every log line is one JSON object. */
class LogsAsJsonTest {
    @AfterEach
    void backToText() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void eachLogLineIsAJsonObjectWithLevelLoggerMessageAndTime() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogFormat.apply(LogFormat.Format.JSON, out);
        long before = System.currentTimeMillis();
        LoggerFactory.getLogger("tw.queue.hub.HubMain").info("listening on {} \"quoted\" 櫃檯", "http://127.0.0.1:8080");
        LoggerFactory.getLogger("tw.queue.hub.server.QueueWriter").warn("store faulty", new IllegalStateException("disk full"));
        LoggerFactory.getLogger("io.netty.x").debug("below INFO: not logged");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(2);
        JsonObject info = new JsonObject(lines.get(0));
        assertThat(info.getString("level")).isEqualTo("INFO");
        assertThat(info.getString("loggerName")).isEqualTo("tw.queue.hub.HubMain");
        assertThat(info.getString("formattedMessage")).isEqualTo("listening on http://127.0.0.1:8080 \"quoted\" 櫃檯");
        assertThat(info.getLong("timestamp")).isBetween(before, System.currentTimeMillis());
        JsonObject warn = new JsonObject(lines.get(1));
        assertThat(warn.getString("level")).isEqualTo("WARN");
        assertThat(warn.getJsonObject("throwable").encode()).contains("disk full");
    }
}
