package tw.queue.device.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.PropertyResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An installer reads the agents' console in Chinese or English: every line exists in both. */
class AgentMessagesTest {

    /** One bundle file alone, without the parent a ResourceBundle would fall back to. */
    private static Set<String> keys(String file) throws IOException {
        try (InputStream in = AgentMessagesTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)).keySet();
        }
    }

    @Test
    void everyConsoleLineIsInChineseAndEnglish() throws IOException {
        Set<String> english = keys("AgentMessages.properties");
        assertThat(english).contains("panel.unknownButton", "cli.noButton");
        assertThat(keys("AgentMessages_zh_TW.properties")).containsExactlyInAnyOrderElementsOf(english);
    }

    @Test
    void aLineTakesItsWordsInTheConsolesLanguage() {
        assertThat(new AgentMessages(Locale.ENGLISH).get("panel.unknownButton", "dance"))
                .startsWith("unknown button 'dance'");
        assertThat(new AgentMessages(Locale.TRADITIONAL_CHINESE).get("panel.unknownButton", "dance"))
                .startsWith("沒有「dance」這個按鈕");
    }
}
