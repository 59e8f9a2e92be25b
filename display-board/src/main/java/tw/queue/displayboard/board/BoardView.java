package tw.queue.displayboard.board;

import java.util.List;

/**
 * What a board is to show, protocol-free: pages shown in turn, each with up to the board's number of lines.
 * Drivers turn it into their wire protocol; the virtual board into pixels.
 */
public record BoardView(List<Page> pages) {
    public static final BoardView BLANK = new BoardView(List.of());

    public BoardView {
        pages = List.copyOf(pages);
    }

    public enum Effect { HOLD, FLASH, SCROLL }

    public record Page(List<String> lines, Effect effect) {
        public Page {
            lines = List.copyOf(lines);
        }
    }

    /** All the text on the board, pages and lines joined with " | " (for logs and tests). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Page p : pages) {
            for (String l : p.lines()) {
                if (sb.length() > 0) {
                    sb.append(" | ");
                }
                sb.append(l);
            }
        }
        return sb.toString();
    }
}
