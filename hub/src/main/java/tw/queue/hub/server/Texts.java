package tw.queue.hub.server;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * People-facing texts from the hub's bundles: Messages.properties (English), Messages_zh_TW, and for new residents
 * Messages_vi, Messages_id and Messages_th (the team's translations, to be reviewed by native speakers).
 */
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

    /** The hub's languages as Accept-Language lookup tags (RFC 4647): any Chinese reads zh-TW. */
    private static final List<String> TAGS = List.of("zh-tw", "zh", "vi", "id", "th", "en");

    /** The languages the hub's bundles speak, as their locales (English is the base bundle). */
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, ZH_TW, Locale.forLanguageTag("vi"),
            Locale.forLanguageTag("id"), Locale.forLanguageTag("th"));

    /** The caller's most wanted language of ours (q-values count), English when none or the header is bad. */
    public static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), TAGS);
            if (tag == null || tag.equals("en")) {
                return Locale.ENGLISH;
            }
            return tag.startsWith("zh") ? ZH_TW : Locale.forLanguageTag(tag);
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }
}
