package tw.queue.displayboard.board;

import java.io.IOException;

/** One board, whatever it speaks: shows a view, replacing what was up. Calls block; keep them off event loops. */
public interface BoardDriver extends AutoCloseable {

    /** Readies the board (e.g. its memory map); called before the first view and after the line comes back. */
    void start() throws IOException;

    void show(BoardView view) throws IOException;

    /** Sends ahead what views like this one need (e.g. pictures), so showing them later is quick. */
    default void prepare(BoardView likely) throws IOException {
    }

    @Override
    void close();
}
