package tw.queue.displayboard.content;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.board.BoardView;

/** Turns what is up ({@link CallScheduler.Showing}) into the texts of a board, in its languages and lines. */
public final class BoardMessages {
    private static final String BUNDLE = "tw.queue.displayboard.content.BoardTexts";

    private final BoardLayout layout;

    public BoardMessages(BoardLayout layout) {
        this.layout = layout;
    }

    public static String text(String languageTag, String key, Object... args) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(languageTag),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(b.getString(key), Locale.forLanguageTag(languageTag)).format(args);
    }

    public BoardView compose(CallScheduler.Showing showing) {
        if (showing instanceof CallScheduler.Showing.CallUp up) {
            CallScheduler.Call c = up.call();
            String key = c.recall() ? "recall" : "call";
            List<String> texts = new ArrayList<>();
            for (String lang : layout.languages()) {
                // numbers as strings: MessageFormat would write 2001 as "2,001"
                texts.add(text(lang, key, String.valueOf(c.number()), String.valueOf(c.counter())));
            }
            return paged(texts, layout.callEffect() == BoardLayout.CallEffect.FLASH
                    ? BoardView.Effect.FLASH : BoardView.Effect.HOLD);
        }
        if (showing instanceof CallScheduler.Showing.Reconnecting) {
            List<String> texts = new ArrayList<>();
            layout.languages().forEach(lang -> texts.add(text(lang, "reconnecting")));
            return paged(texts, BoardView.Effect.HOLD);
        }
        if (showing instanceof CallScheduler.Showing.Announcement a) {
            List<String> texts = new ArrayList<>();
            for (String lang : layout.languages()) {
                String t = announcementText(a.texts(), lang);
                if (t != null && !t.isBlank()) {
                    texts.add(t.strip());
                }
            }
            return paged(texts, BoardView.Effect.SCROLL);
        }
        return BoardView.BLANK;
    }

    private static String announcementText(Map<String, String> texts, String lang) {
        String t = texts.get(lang);
        if (t == null && lang.startsWith("zh")) {
            t = texts.get("zh");
        }
        return t;
    }

    /** One language per line; with fewer lines than languages, the languages take turns page by page. */
    private BoardView paged(List<String> texts, BoardView.Effect effect) {
        List<BoardView.Page> pages = new ArrayList<>();
        int perPage = Math.max(1, layout.lines());
        for (int i = 0; i < texts.size(); i += perPage) {
            pages.add(new BoardView.Page(texts.subList(i, Math.min(texts.size(), i + perPage)), effect));
        }
        return new BoardView(pages);
    }
}
