package tw.queue.displayboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.board.BoardView;
import tw.queue.displayboard.content.BoardMessages;
import tw.queue.displayboard.content.CallScheduler.Call;
import tw.queue.displayboard.content.CallScheduler.Showing;

class BoardMessagesTest {
    private static BoardLayout layout(int lines, List<String> languages, BoardLayout.CallEffect effect) {
        BoardLayout d = BoardLayout.DEFAULT;
        return new BoardLayout(d.width(), 16 * lines, lines, List.of(), List.of(), languages, d.scrollSpeed(),
                effect, d.callSeconds(), d.callRepeat(), d.colour(), List.of(), 0);
    }

    @Test
    void aOneLineBoardSaysTheCallInChineseThenEnglish() {
        BoardView v = new BoardMessages(BoardLayout.DEFAULT)
                .compose(new Showing.CallUp(new Call(1, 2001, 5, "transcript", false)));
        assertThat(v.pages()).containsExactly(
                new BoardView.Page(List.of("請 2001 號 到 5 號櫃檯"), BoardView.Effect.HOLD),
                new BoardView.Page(List.of("Number 2001, counter 5"), BoardView.Effect.HOLD));
    }

    @Test
    void aTwoLineBoardInEnglishFirstFlashesBothLinesAtOnce() {
        BoardView v = new BoardMessages(layout(2, List.of("en", "zh-TW"), BoardLayout.CallEffect.FLASH))
                .compose(new Showing.CallUp(new Call(1, 1023, 12, "transcript", true)));
        assertThat(v.pages()).containsExactly(new BoardView.Page(
                List.of("Recall: number 1023, counter 12", "再次呼叫 請 1023 號 到 12 號櫃檯"), BoardView.Effect.FLASH));
    }

    @Test
    void theAnnouncementScrollsAndTheReconnectTextIsQuiet() {
        BoardMessages m = new BoardMessages(BoardLayout.DEFAULT);
        assertThat(m.compose(new Showing.Announcement(Map.of("zh-TW", "歡迎", "en", " "))).pages())
                .containsExactly(new BoardView.Page(List.of("歡迎"), BoardView.Effect.SCROLL));
        assertThat(m.compose(new Showing.Reconnecting()).text()).isEqualTo("系統連線中 | Reconnecting");
        assertThat(m.compose(new Showing.Blank()).pages()).isEmpty();
    }
}
