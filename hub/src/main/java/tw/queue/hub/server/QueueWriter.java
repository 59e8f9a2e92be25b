package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tw.queue.domain.Command;
import tw.queue.domain.Event;
import tw.queue.domain.OfficeState;
import tw.queue.domain.QueueEngine;
import tw.queue.domain.Rejection;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.LoggedEvent;

/**
 * The one writer. Commands queue up and are handled in order, in batches: each is checked against a working
 * copy of the state, the batch's events go to the log in one durable transaction (a group commit), and only
 * then are callers answered, the committed state advanced and the events published. A failed append puts the
 * working state back to the committed one and fails the whole batch, so nothing unsaved is ever answered.
 * Runs on the verticle's event loop; the log is touched only on the one-thread writer executor.
 */
public final class QueueWriter {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWriter.class);
    private static final int MAX_BATCH = 256;

    private final QueueEngine engine;
    private final EventLog log;
    private final WorkerExecutor dbExecutor;
    private final Consumer<List<LoggedEvent>> publisher;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private OfficeState committed;
    private OfficeState working;
    private long committedSeq;
    private boolean flushing;
    /** Told each append's duration in nanoseconds (the metrics' timer), on the writer's thread. */
    private java.util.function.LongConsumer appendObserver = nanos -> { };

    private record Pending(Command command, Promise<QueueEngine.Result> promise) {
    }

    /** What a batch left for its callers: a result or a rejection, each answered after the commit. */
    private record Outcome(Pending pending, QueueEngine.Result result, Rejection rejection) {
    }

    public QueueWriter(QueueEngine engine, EventLog log, WorkerExecutor dbExecutor, OfficeState recovered,
                       long recoveredSeq, Consumer<List<LoggedEvent>> publisher) {
        this.engine = engine;
        this.log = log;
        this.dbExecutor = dbExecutor;
        this.publisher = publisher;
        this.committed = recovered;
        this.working = recovered.copy();
        this.committedSeq = recoveredSeq;
    }

    /** The state as the log has it: what every read may show. */
    public OfficeState state() {
        return committed;
    }

    /** The sequence number of the last event the committed state includes. */
    public long seq() {
        return committedSeq;
    }

    /** Commands waiting to be handled (a gauge of the metrics). */
    public int queueDepth() {
        return queue.size();
    }

    public void observeAppends(java.util.function.LongConsumer observer) {
        this.appendObserver = observer;
    }

    public Future<QueueEngine.Result> submit(Command command) {
        Promise<QueueEngine.Result> promise = Promise.promise();
        queue.add(new Pending(command, promise));
        if (!flushing) {
            flush();
        }
        return promise.future();
    }

    private void flush() {
        if (queue.isEmpty()) {
            flushing = false;
            return;
        }
        flushing = true;
        List<Outcome> outcomes = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        while (!queue.isEmpty() && outcomes.size() < MAX_BATCH) {
            Pending p = queue.poll();
            events.addAll(engine.execute(working, new Command.Tick()).events());
            try {
                QueueEngine.Result r = engine.execute(working, p.command());
                events.addAll(r.events());
                outcomes.add(new Outcome(p, r, null));
            } catch (Rejection rejection) {
                outcomes.add(new Outcome(p, null, rejection));
            } catch (RuntimeException bug) {
                LOG.error("command {} failed", p.command(), bug);
                // Undo whatever the failing command half-applied, keeping the batch's earlier events.
                working = committed.copy();
                events.forEach(working::apply);
                p.promise().fail(bug);
            }
        }
        if (events.isEmpty()) {
            answer(outcomes);
            flush();
            return;
        }
        List<EventLog.DayEvent> dayEvents = withDays(events);
        dbExecutor.executeBlocking(() -> timedAppend(dayEvents), true).onComplete(ar -> {
            if (ar.succeeded()) {
                for (LoggedEvent le : ar.result()) {
                    committed.apply(le.event());
                    committedSeq = le.seq();
                }
                answer(outcomes);
                publisher.accept(ar.result());
            } else {
                LOG.error("event log append failed; {} commands refused", outcomes.size(), ar.cause());
                working = committed.copy();
                for (Outcome o : outcomes) {
                    o.pending().promise().fail(new StoreUnavailable(ar.cause()));
                }
            }
            flush();
        });
    }

    private List<LoggedEvent> timedAppend(List<EventLog.DayEvent> dayEvents) throws java.sql.SQLException {
        long start = System.nanoTime();
        try {
            return log.append(dayEvents);
        } finally {
            appendObserver.accept(System.nanoTime() - start);
        }
    }

    private static void answer(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.rejection() != null) {
                o.pending().promise().fail(o.rejection());
            } else {
                o.pending().promise().complete(o.result());
            }
        }
    }

    /** Each event is filed under the office day it belongs to (a day's closing under the day it closes). */
    private List<EventLog.DayEvent> withDays(List<Event> events) {
        LocalDate current = committed.day().orElse(null);
        List<EventLog.DayEvent> out = new ArrayList<>(events.size());
        for (Event e : events) {
            if (e instanceof Event.DayOpened d) {
                current = d.day();
            }
            LocalDate day = e instanceof Event.DayClosed d ? d.day() : current;
            out.add(new EventLog.DayEvent(String.valueOf(day), e));
        }
        return out;
    }

    /** The log could not be written: the command was not carried out. */
    public static final class StoreUnavailable extends RuntimeException {
        public StoreUnavailable(Throwable cause) {
            super("the event log cannot be written: " + cause.getMessage(), cause);
        }
    }
}
