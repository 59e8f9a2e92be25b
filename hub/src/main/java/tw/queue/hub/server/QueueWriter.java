package tw.queue.hub.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import tw.queue.wire.EventCodec;

/**
 * The one writer. Commands queue up and are handled in order, in batches: each is checked against a working
 * copy of the state, the batch's events go to the log in one durable transaction (a group commit), and only
 * then are callers answered, the committed state advanced and the events published. Runs on the verticle's
 * event loop; the log is touched only on the one-thread writer executor.
 *
 * <p>Failure rules (ARCHITECTURE.md, "The writer's failure rules"):
 * <ul>
 *   <li>A batch is on disk with its events answered, or not at all, answered {@link StoreUnavailable} (503),
 *       the working state put back to the committed one. After a failed append the writer reads what the file
 *       holds after its last committed event: nothing (refused), exactly the batch (a COMMIT reported failed but
 *       durable: answered as done), or anything else (adopted as the truth, refused).</li>
 *   <li>A failed write of a healthy store is retried with back-off within the append timeout; past it the
 *       batch is refused and the store is <em>faulty</em>: {@link #storeFault()} says why ({@code /health} 503),
 *       each later batch is tried once, and a probe write retries with back-off until the disk takes writes
 *       again. No restart needed.</li>
 *   <li>An append still running at the timeout is interrupted; while it hangs, the store is {@code stalled} and
 *       new commands are refused at once rather than queued without end.</li>
 *   <li>A bug in the tick skips the tick, a bug in a command fails that command, a bug in publishing or in a
 *       caller's handler is logged: none of them can leave a batch unanswered or the writer stuck.</li>
 * </ul>
 */
public final class QueueWriter {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWriter.class);
    private static final int MAX_BATCH = 256;
    /** How long a batch may take to reach the disk, retries included, before it is refused: under the agents' 4 s. */
    public static final Duration APPEND_TIMEOUT = Duration.ofMillis(2500);
    private static final long FIRST_RETRY_MS = 50;
    private static final long PROBE_FIRST_MS = 250;
    private static final long PROBE_MAX_MS = 5_000;

    private final Vertx vertx;
    private final QueueEngine engine;
    private final EventLog log;
    private final WorkerExecutor dbExecutor;
    private final Consumer<List<LoggedEvent>> publisher;
    private final long appendTimeoutNanos;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private OfficeState committed;
    private OfficeState working;
    private long committedSeq;
    private boolean flushing;
    /** Why the store cannot write now; null while it can. Volatile: read by whoever asks, written here. */
    private volatile StoreFault fault;
    /** An append has run past its timeout and not come back. */
    private boolean stalled;
    private boolean probing;
    /** Told each append's duration in nanoseconds (the metrics' timer), on the writer's thread. */
    private java.util.function.LongConsumer appendObserver = nanos -> { };

    /** Test seam: runs before each command's tick (a test makes it throw, as a bug in the tick would). */
    Runnable beforeTick = () -> { };
    /** Test seam: runs on the writer's thread before each append (a test makes it hang, as a stuck disk would). */
    Runnable beforeAppend = () -> { };

    private record Pending(Command command, Promise<QueueEngine.Result> promise) {
    }

    /** What a batch left for one caller: a result, a rejection or a failure, each answered after the commit. */
    private record Outcome(Pending pending, QueueEngine.Result result, Throwable refusal) {
    }

    private record Batch(List<Outcome> outcomes, List<EventLog.DayEvent> events, long startNanos) {
    }

    /**
     * Why the store cannot write: a reason code ({@code disk-full}, {@code io-error}, {@code read-only},
     * {@code busy}, {@code timeout}, {@code stalled}, {@code store-error}), the database's own words, and since when.
     */
    public record StoreFault(String reason, String detail, Instant since) {
    }

    public QueueWriter(Vertx vertx, QueueEngine engine, EventLog log, WorkerExecutor dbExecutor,
                       OfficeState recovered, long recoveredSeq, Consumer<List<LoggedEvent>> publisher) {
        this(vertx, engine, log, dbExecutor, recovered, recoveredSeq, publisher, APPEND_TIMEOUT);
    }

    QueueWriter(Vertx vertx, QueueEngine engine, EventLog log, WorkerExecutor dbExecutor, OfficeState recovered,
                long recoveredSeq, Consumer<List<LoggedEvent>> publisher, Duration appendTimeout) {
        this.vertx = vertx;
        this.engine = engine;
        this.log = log;
        this.dbExecutor = dbExecutor;
        this.publisher = publisher;
        this.committed = recovered;
        this.working = recovered.copy();
        this.committedSeq = recoveredSeq;
        this.appendTimeoutNanos = appendTimeout.toNanos();
    }

    /** The state as the log has it: what every read may show. */
    public OfficeState state() {
        return committed;
    }

    /** The sequence number of the last event the committed state includes. */
    public long seq() {
        return committedSeq;
    }

    /** Why the store cannot take writes now, if it cannot (what {@code /health} reports). */
    public Optional<StoreFault> storeFault() {
        return Optional.ofNullable(fault);
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
        if (stalled) {
            // The disk has not answered for a whole timeout: answer now rather than queue without end.
            promise.fail(new StoreUnavailable(fault == null ? "stalled" : fault.reason()));
            return promise.future();
        }
        queue.add(new Pending(command, promise));
        if (!flushing) {
            flush();
        }
        return promise.future();
    }

    /** Takes the next batch from the queue and sends it to the log; never throws, never leaves flushing set. */
    private void flush() {
        if (queue.isEmpty()) {
            flushing = false;
            return;
        }
        flushing = true;
        Batch batch;
        try {
            batch = nextBatch();
        } catch (RuntimeException | Error bug) {
            // nextBatch catches each command's failure; this is a last guard so the writer can never hang.
            LOG.error("forming a batch failed", bug);
            working = committed.copy();
            flushLater();
            return;
        }
        if (batch.events().isEmpty()) {
            answer(batch.outcomes());
            flushLater();
            return;
        }
        attempt(batch, FIRST_RETRY_MS);
    }

    /** The next flush on a fresh stack, so a long run of batches never nests. */
    private void flushLater() {
        vertx.runOnContext(v -> flush());
    }

    private Batch nextBatch() {
        List<Outcome> outcomes = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        while (!queue.isEmpty() && outcomes.size() < MAX_BATCH) {
            Pending p = queue.poll();
            try {
                beforeTick.run();
                events.addAll(engine.execute(working, new Command.Tick()).events());
            } catch (RuntimeException bug) {
                // The tick is housekeeping (a new day, a staffing hint): the command goes on without it.
                LOG.error("the tick before {} failed; carrying on without it", p.command(), bug);
                rebuildWorking(events);
            }
            try {
                QueueEngine.Result r = engine.execute(working, p.command());
                events.addAll(r.events());
                outcomes.add(new Outcome(p, r, null));
            } catch (Rejection rejection) {
                outcomes.add(new Outcome(p, null, rejection));
            } catch (RuntimeException bug) {
                LOG.error("command {} failed", p.command(), bug);
                rebuildWorking(events);
                outcomes.add(new Outcome(p, null, bug));
            }
        }
        return new Batch(outcomes, withDays(events), System.nanoTime());
    }

    /** Undoes whatever a failing step half-applied, keeping the batch's events so far. */
    private void rebuildWorking(List<Event> events) {
        working = committed.copy();
        events.forEach(working::apply);
    }

    private void attempt(Batch batch, long nextRetryMs) {
        long deadline = batch.startNanos() + appendTimeoutNanos;
        long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        long overdue = vertx.setTimer(leftMs, id -> overdue());
        dbExecutor.executeBlocking(() -> {
            beforeAppend.run();
            long start = System.nanoTime();
            try {
                return log.append(batch.events(), deadline);
            } finally {
                appendObserver.accept(System.nanoTime() - start);
            }
        }, false).onComplete(ar -> {
            vertx.cancelTimer(overdue);
            stalled = false;
            if (ar.succeeded()) {
                healthy(); // before answering: whoever was told "done" sees a healthy /health
                committed(batch, ar.result());
                flushLater();
            } else {
                failed(batch, ar.cause(), nextRetryMs);
            }
        });
    }

    /** The append has not come back within its timeout: stop its statement, refuse newcomers until it returns. */
    private void overdue() {
        stalled = true;
        if (fault == null) {
            fault = new StoreFault("stalled", "an append took longer than " + appendTimeoutNanos / 1_000_000 + " ms",
                    Instant.now());
        }
        log.interrupt();
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            settle(p, null, new StoreUnavailable(fault.reason()));
        }
    }

    private void committed(Batch batch, List<LoggedEvent> logged) {
        for (LoggedEvent le : logged) {
            committed.apply(le.event());
            committedSeq = le.seq();
        }
        answer(batch.outcomes());
        publish(logged);
    }

    private void publish(List<LoggedEvent> logged) {
        try {
            publisher.accept(logged);
        } catch (RuntimeException bug) {
            // The events are committed and answered; a follower that missed them gets them from the log when it
            // reconnects (the pages' watchdog does when /health's seq moves on without them).
            LOG.error("publishing events {}..{} failed", logged.get(0).seq(), logged.get(logged.size() - 1).seq(), bug);
        }
    }

    /**
     * The append failed. What does the file hold after the last committed event? Nothing: refuse (or retry while
     * there is time and the store was healthy). Exactly this batch: it is committed after all. Else: adopt it.
     */
    private void failed(Batch batch, Throwable cause, long nextRetryMs) {
        StoreFault now = classify(cause);
        dbExecutor.executeBlocking(() -> log.after(committedSeq, batch.events().size() + 1), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        // Cannot read the file either. SQLite rolls back a COMMIT that fails, so: not stored.
                        LOG.error("after a failed append the log cannot be read back either", ar.cause());
                        refuse(batch, now, cause);
                    } else if (ar.result().isEmpty()) {
                        boolean retry = fault == null && cause instanceof SQLException
                                && !(cause instanceof java.sql.SQLTimeoutException)
                                && System.nanoTime() + nextRetryMs * 1_000_000 < batch.startNanos() + appendTimeoutNanos;
                        if (retry) {
                            LOG.warn("event log append failed ({}); retrying in {} ms", now.detail(), nextRetryMs);
                            vertx.setTimer(nextRetryMs, id -> attempt(batch, nextRetryMs * 2));
                        } else {
                            refuse(batch, now, cause);
                        }
                    } else if (sameEvents(ar.result(), batch.events())) {
                        LOG.warn("an append reported {} but its events are in the log: answered as done", now.reason());
                        committed(batch, ar.result());
                        flushLater();
                    } else {
                        LOG.error("the log holds {} events after seq {} this writer did not commit: adopting them",
                                ar.result().size(), committedSeq);
                        adopt(ar.result());
                        refuse(batch, now, cause);
                    }
                });
    }

    private void refuse(Batch batch, StoreFault now, Throwable cause) {
        LOG.error("event log append failed; {} commands refused ({})", batch.outcomes().size(), now.reason(), cause);
        working = committed.copy();
        for (Outcome o : batch.outcomes()) {
            settle(o.pending(), null, o.refusal() != null ? o.refusal() : new StoreUnavailable(now.reason(), cause));
        }
        if (fault == null || !fault.reason().equals(now.reason())) {
            fault = now;
        }
        probeLater(PROBE_FIRST_MS);
        flushLater();
    }

    /** Events in the file the committed state lacks: the file is the truth, so fold and publish them. */
    private void adopt(List<LoggedEvent> logged) {
        for (LoggedEvent le : logged) {
            committed.apply(le.event());
            committedSeq = le.seq();
        }
        working = committed.copy();
        publish(logged);
    }

    /** While the store is faulty and idle, a write that changes nothing tells when the disk takes writes again. */
    private void probeLater(long delayMs) {
        if (probing) {
            return;
        }
        probing = true;
        vertx.setTimer(delayMs, id -> {
            if (fault == null) {
                probing = false;
                return;
            }
            dbExecutor.executeBlocking(() -> {
                log.probe();
                return log.lastSeq();
            }, false).onComplete(ar -> {
                probing = false;
                if (ar.succeeded() && !flushing && ar.result() == committedSeq) {
                    LOG.info("the event log takes writes again");
                    healthy();
                } else if (fault != null) {
                    if (ar.failed()) {
                        fault = classify(ar.cause());
                    }
                    probeLater(Math.min(PROBE_MAX_MS, delayMs * 2));
                }
            });
        });
    }

    private void healthy() {
        if (fault != null) {
            LOG.info("the event log is writable again (it was {} since {})", fault.reason(), fault.since());
        }
        fault = null;
    }

    private static boolean sameEvents(List<LoggedEvent> inFile, List<EventLog.DayEvent> batch) {
        if (inFile.size() != batch.size()) {
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!EventCodec.toLog(inFile.get(i).event()).equals(EventCodec.toLog(batch.get(i).event()))) {
                return false;
            }
        }
        return true;
    }

    /** The reason a write failed, by SQLite's primary result code. */
    static StoreFault classify(Throwable cause) {
        String reason = "store-error";
        if (cause instanceof java.sql.SQLTimeoutException) {
            reason = "timeout";
        } else if (cause instanceof SQLException e) {
            String message = String.valueOf(e.getMessage());
            int code = e.getErrorCode() != 0 ? e.getErrorCode()
                    : message.contains("SQLITE_FULL") ? 13 : message.contains("SQLITE_IOERR") ? 10 : 0;
            reason = switch (code & 0xff) {
                case 13 -> "disk-full";          // SQLITE_FULL
                case 10 -> "io-error";           // SQLITE_IOERR (and its extended codes)
                case 8 -> "read-only";           // SQLITE_READONLY
                case 5, 6 -> "busy";             // SQLITE_BUSY, SQLITE_LOCKED
                case 9 -> "timeout";             // SQLITE_INTERRUPT: stopped at the timeout
                case 14 -> "cannot-open";        // SQLITE_CANTOPEN
                case 11, 26 -> "corrupt";        // SQLITE_CORRUPT, SQLITE_NOTADB
                default -> "store-error";
            };
        }
        return new StoreFault(reason, String.valueOf(cause.getMessage()), Instant.now());
    }

    private void answer(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            settle(o.pending(), o.result(), o.refusal());
        }
    }

    /** Answers one caller; a bug in the caller's handler is logged, never stops the writer. */
    private static void settle(Pending p, QueueEngine.Result result, Throwable refusal) {
        try {
            if (refusal != null) {
                p.promise().tryFail(refusal);
            } else {
                p.promise().tryComplete(result);
            }
        } catch (RuntimeException bug) {
            LOG.error("answering {} failed", p.command(), bug);
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

    /** The log could not be written: the command was not carried out (nothing of it is stored). */
    public static final class StoreUnavailable extends RuntimeException {
        private final String reason;

        public StoreUnavailable(Throwable cause) {
            this(classify(cause).reason(), cause);
        }

        StoreUnavailable(String reason) {
            super("the event log cannot be written: " + reason);
            this.reason = reason;
        }

        StoreUnavailable(String reason, Throwable cause) {
            super("the event log cannot be written (" + reason + "): " + cause.getMessage(), cause);
            this.reason = reason;
        }

        /** Why, as {@link StoreFault#reason()} names it. */
        public String reason() {
            return reason;
        }
    }
}
