package tw.queue.config;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Installer-facing texts from {@code tw/queue/config/ConfigMessages*.properties} (UTF-8, MessageFormat patterns).
 * Arguments are always formatted as plain strings, so numbers such as 2001 or 9600 never get grouping separators.
 */
final class ConfigMessages {

    private static final String BUNDLE = "tw.queue.config.ConfigMessages";

    private final Locale locale;
    private final ResourceBundle bundle;

    ConfigMessages(Locale locale) {
        this.locale = locale;
        // No fallback to the JVM default locale: asking for English on a zh-TW machine must give English.
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(bundle.getString(key), locale).format(texts);
    }
}
