package tw.queue.hub.server;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** People-facing texts from the hub's bundles (Messages.properties, Messages_zh_TW.properties). */
public final class Texts {
    public static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    private Texts() {
    }

    public static String get(Locale locale, String key, Object... args) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle("tw.queue.hub.Messages", locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    /** zh-TW for any Chinese Accept-Language, English otherwise. */
    public static Locale fromAcceptLanguage(String header) {
        if (header != null) {
            for (String part : header.split(",")) {
                String tag = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
                if (tag.startsWith("zh")) {
                    return ZH_TW;
                }
                if (tag.startsWith("en")) {
                    return Locale.ENGLISH;
                }
            }
        }
        return Locale.ENGLISH;
    }
}
