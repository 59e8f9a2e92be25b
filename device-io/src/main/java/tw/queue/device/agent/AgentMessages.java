package tw.queue.device.agent;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The agents' texts for installers and staff, from {@code tw/queue/device/agent/AgentMessages*.properties}. */
public final class AgentMessages {
    private final Locale locale;
    private final ResourceBundle bundle;

    public AgentMessages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("tw.queue.device.agent.AgentMessages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public String get(String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(bundle.getString(key), locale).format(texts);
    }
}
