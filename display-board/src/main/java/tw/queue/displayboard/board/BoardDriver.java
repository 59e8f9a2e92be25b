package tw.queue.displayboard.board;

import java.io.IOException;

/** One board, whatever it speaks: shows a view, replacing what was up. Calls block; keep them off event loops. */
public interface BoardDriver extends AutoCloseable {

    /** Readies the board (e.g. its memory map); called before the first view and after the line comes back. */
    void start() throws IOException;

    void show(BoardView view) throws IOException;

    @Override
    void close();
}
