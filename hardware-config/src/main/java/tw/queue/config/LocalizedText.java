package tw.queue.config;

import java.util.Locale;
import java.util.Map;

/**
 * A text the citizen reads, keyed by language tag ("zh-TW", "en", more may be added).
 * zh-TW and en are required by validation.
 */
public record LocalizedText(Map<String, String> texts) {

    public LocalizedText {
        texts = Map.copyOf(texts);
    }

    public static LocalizedText of(String zhTw, String en) {
        return new LocalizedText(Map.of("zh-TW", zhTw, "en", en));
    }

    /** The text in the given language tag, falling back to zh-TW, then English. */
    public String in(String languageTag) {
        if (languageTag != null) {
            String exact = texts.get(languageTag);
            if (exact != null) {
                return exact;
            }
            String base = Locale.forLanguageTag(languageTag).getLanguage();
            for (var e : texts.entrySet()) {
                if (Locale.forLanguageTag(e.getKey()).getLanguage().equals(base)) {
                    return e.getValue();
                }
            }
        }
        return texts.getOrDefault("zh-TW", texts.getOrDefault("en", ""));
    }
}
