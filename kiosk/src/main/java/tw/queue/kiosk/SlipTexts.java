package tw.queue.kiosk;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The slip's printed texts in one language, from {@code tw/queue/kiosk/Slip*.properties}. */
final class SlipTexts {
    static final Locale ZH_TW = Locale.forLanguageTag("zh-TW");

    private final Locale locale;
    private final ResourceBundle bundle;

    SlipTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("tw.queue.kiosk.Slip", locale,
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
