package tw.queue.hub.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;

/**
 * The hub's log format: text (logback.xml) or, for a log collector, JSON lines (logback's own {@link JsonEncoder}:
 * one object a line with {@code timestamp} (epoch ms), {@code level}, {@code loggerName}, {@code threadName},
 * {@code formattedMessage} and, on an exception, {@code throwable}).
 */
public final class LogFormat {
    public enum Format { TEXT, JSON }

    private LogFormat() {
    }

    /** From now on every log line goes to {@code out} (standard error in the hub) in the given format. */
    public static void apply(Format format, OutputStream out) {
        if (format == Format.TEXT) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // the message as read, once: not the pattern with {} and its arguments apart
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("json");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }
}
