package tw.queue.displayboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import tw.queue.config.BoardLayout;
import tw.queue.displayboard.board.BoardDriver;
import tw.queue.displayboard.board.BoardView;
import tw.queue.displayboard.board.VirtualBoard;
import tw.queue.displayboard.content.BoardMessages;
import tw.queue.displayboard.content.CallScheduler;
import tw.queue.domain.Event;
import tw.queue.hubclient.EventFollower;
import tw.queue.hubclient.HubEvent;

/**
 * One board's agent: events from the hub go into the {@link CallScheduler}; a loop of its own puts what is up
 * on the board (through its driver) and on the virtual board. A board that stops taking bytes is reported as
 * {@code not-answering} and tried again, never a crash.
 */
public final class BoardAgent implements EventFollower.Listener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BoardAgent.class.getName());
    private static final long TICK_MILLIS = 100;
    private static final long RETRY_MILLIS = 2000;
    private static final long PNG_MILLIS = 500;
    /** Events come in bursts (a replay, several counters at once): let one settle before drawing. */
    private static final long SETTLE_MILLIS = 30;

    private final String boardId;
    private final BoardLayout layout;
    private final BoardDriver board;
    private final VirtualBoard virtual;
    private final CallScheduler scheduler;
    private final BoardMessages messages;
    private final BiConsumer<String, String> health;
    private final Thread loop;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile boolean poked;
    private volatile BoardView onBoard;

    /**
     * @param board the real board's driver, or null for the virtual board alone
     * @param health component name and state, e.g. ("display:lobby", "not-answering")
     */
    public BoardAgent(String boardId, BoardLayout layout, BoardDriver board, VirtualBoard virtual, Clock clock,
                      BiConsumer<String, String> health) {
        this.boardId = boardId;
        this.layout = layout;
        this.board = board;
        this.virtual = virtual;
        this.health = health;
        this.messages = new BoardMessages(layout);
        this.scheduler = new CallScheduler(clock,
                java.time.Duration.ofSeconds((long) layout.callSeconds() * pagesPerCall()), layout.callRepeat());
        this.loop = new Thread(this::run, "board-" + boardId);
        this.loop.setDaemon(true);
    }

    private int pagesPerCall() {
        return (layout.languages().size() + layout.lines() - 1) / layout.lines();
    }

    public String component() {
        return "display:" + boardId;
    }

    public BoardAgent start() {
        loop.start();
        return this;
    }

    public CallScheduler scheduler() {
        return scheduler;
    }

    /** What the board was last given. */
    public BoardView onBoard() {
        return onBoard;
    }

    @Override
    public void onSnapshot(JsonNode queue) {
        scheduler.seen(queue.path("seq").asLong(0));
        Map<String, String> texts = new HashMap<>();
        queue.path("announcement").fields().forEachRemaining(e -> texts.put(e.getKey(), e.getValue().asText()));
        scheduler.announcement(texts);
        poke();
    }

    @Override
    public void onEvent(HubEvent e) {
        Event ev = e.event().orElse(null);
        if (ev instanceof Event.TicketCalled c) {
            offer(e.seq(), c.number(), c.counter(), c.service(), false);
        } else if (ev instanceof Event.TicketRecalled r) {
            offer(e.seq(), r.number(), r.counter(), r.service(), true);
        } else {
            if (ev instanceof Event.AnnouncementSet a) {
                scheduler.announcement(a.texts());
            }
            scheduler.seen(e.seq());
        }
        poke();
    }

    private void offer(long seq, int number, int counter, String service, boolean recall) {
        if (layout.covers(counter, service)) {
            scheduler.offer(new CallScheduler.Call(seq, number, counter, service, recall));
        } else {
            scheduler.seen(seq);
        }
    }

    @Override
    public void onLink(boolean up) {
        scheduler.link(up);
        poke();
    }

    private void poke() {
        synchronized (wake) {
            poked = true;
            wake.notifyAll();
        }
    }

    private void run() {
        boolean started = false;
        boolean failing = false;
        long lastTry = 0;
        long lastPng = 0;
        BoardView shownOnBoard = null;
        BoardView shownVirtual = null;
        while (running) {
            BoardView view = messages.compose(scheduler.tick());
            long now = System.currentTimeMillis();
            try {
                if (!view.equals(shownVirtual)) {
                    virtual.show(view);
                    shownVirtual = view;
                    lastPng = now;
                } else if (now - lastPng >= PNG_MILLIS) {
                    virtual.writePng();
                    lastPng = now;
                }
            } catch (IOException e) {
                LOG.warning("virtual board picture not written: " + e.getMessage());
            }
            if (board != null && (!view.equals(shownOnBoard) && (!failing || now - lastTry >= RETRY_MILLIS))) {
                lastTry = now;
                try {
                    if (!started) {
                        board.start();
                        prepare();
                        started = true;
                    }
                    board.show(view);
                    shownOnBoard = view;
                    onBoard = view;
                    if (failing || lastTry == now) {
                        health.accept(component(), "ok");
                    }
                    failing = false;
                } catch (IOException | RuntimeException e) {
                    if (!failing) {
                        LOG.warning("board " + boardId + " not answering: " + e.getMessage());
                    }
                    failing = true;
                    started = false;
                    health.accept(component(), "not-answering");
                }
            } else if (board == null) {
                onBoard = view;
            }
            synchronized (wake) {
                try {
                    if (!poked) {
                        wake.wait(TICK_MILLIS);
                    }
                    if (poked) {
                        poked = false;
                        wake.wait(SETTLE_MILLIS);
                        poked = false;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The words every call and the reconnect text use, sent to the board ahead. */
    private void prepare() throws IOException {
        board.prepare(messages.compose(new CallScheduler.Showing.CallUp(new CallScheduler.Call(0, 1000, 1, "", false))));
        board.prepare(messages.compose(new CallScheduler.Showing.CallUp(new CallScheduler.Call(0, 1000, 1, "", true))));
        board.prepare(messages.compose(new CallScheduler.Showing.Reconnecting()));
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        if (board != null) {
            board.close();
        }
    }
}
