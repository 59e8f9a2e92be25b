package tw.queue.hub.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.queue.domain.Channel;
import tw.queue.domain.Command;
import tw.queue.domain.OfficeState;
import tw.queue.domain.Priority;
import tw.queue.domain.QueueEngine;
import tw.queue.hub.store.EventLog;
import tw.queue.hub.store.LoggedEvent;
import tw.queue.hub.testing.TestHub;

/**
 * The one writer meets a bug: the tick throws, or publishing a committed batch throws. Either way the commands
 * of that moment get an answer and every later write still goes through (before, {@code flushing} stayed set and
 * every later write waited for ever). And a disk that stops answering: the append is given up at its timeout
 * (1.5 s here), callers get 503 with nothing stored, and writes go on once it answers again. Real SQLite on a
 * temp file, a real Vert.x worker executor.
 */
class WriterFaultsTest {
    @TempDir
    Path data;

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private WorkerExecutor executor;
    private EventLog log;
    private final List<LoggedEvent> published = new CopyOnWriteArrayList<>();
    private final AtomicBoolean publishFails = new AtomicBoolean();
    private QueueWriter writer;

    @BeforeEach
    void startWriter() throws Exception {
        HubSettings settings = HubSettings.of(TestHub.DEMO, data, "127.0.0.1", 0, true);
        executor = vertx.createSharedWorkerExecutor("test-sqlite-writer", 1);
        log = EventLog.open(data, settings.office().timezone());
        QueueEngine engine = new QueueEngine(settings.office(), settings.policy(), settings.estimator(),
                settings.clock(), false, settings.targetWait());
        Consumer<List<LoggedEvent>> publisher = events -> {
            if (publishFails.getAndSet(false)) {
                throw new IllegalStateException("injected: publishing failed");
            }
            published.addAll(events);
        };
        writer = new QueueWriter(vertx, engine, log, executor, new OfficeState(settings.office()), log.lastSeq(),
                publisher, Duration.ofMillis(1500));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await();
        log.close();
    }

    private QueueEngine.Result submit(Command c) throws Exception {
        CompletableFuture<QueueEngine.Result> answer = new CompletableFuture<>();
        context.runOnContext(v -> writer.submit(c).onComplete(ar -> {
            if (ar.succeeded()) {
                answer.complete(ar.result());
            } else {
                answer.completeExceptionally(ar.cause());
            }
        }));
        return answer.get(5, TimeUnit.SECONDS);
    }

    private static Command kioskTicket(String id) {
        return new Command.IssueTicket(id, "transcript", Priority.NONE, Channel.KIOSK, null);
    }

    @Test
    void aBugInTheTickDoesNotStopTheWriter() throws Exception {
        submit(new Command.Tick());
        AtomicBoolean once = new AtomicBoolean(true);
        writer.beforeTick = () -> {
            if (once.getAndSet(false)) {
                throw new IllegalStateException("injected: the tick failed");
            }
        };
        assertThat(submit(kioskTicket("first")).ticketId()).as("the command is carried out without its tick")
                .contains("first");
        assertThat(submit(kioskTicket("second")).ticketId()).contains("second");
        assertThat(writer.state().ticket("second")).isPresent();
        assertThat(writer.seq()).as("the committed state is the log's").isEqualTo(log.lastSeq());
    }

    @Test
    void aBugInPublishingDoesNotStopTheWriter() throws Exception {
        submit(new Command.Tick());
        tw.queue.testsupport.Await.until(Duration.ofSeconds(5), () -> !published.isEmpty(), "the day opened, published");
        publishFails.set(true);
        assertThat(submit(kioskTicket("first")).ticketId()).as("committed, so answered").contains("first");
        assertThat(submit(kioskTicket("second")).ticketId()).contains("second");
        // Callers are answered first, then the batch is published: wait for it.
        tw.queue.testsupport.Await.until(Duration.ofSeconds(5), () -> published.stream()
                        .anyMatch(e -> e.event() instanceof tw.queue.domain.Event.TicketIssued t
                                && t.ticketId().equals("second")), () -> "the second ticket published: " + published);
        assertThat(published).as("the batch whose publishing failed is not published twice")
                .noneMatch(e -> e.event() instanceof tw.queue.domain.Event.TicketIssued t && t.ticketId().equals("first"));
        assertThat(writer.seq()).isEqualTo(log.lastSeq());
    }

    @Test
    void aStuckDiskIsGivenUpAtTheTimeoutNothingIsStoredAndWritesGoOnAfter() throws Exception {
        submit(new Command.Tick());
        long before = log.lastSeq();
        java.util.concurrent.CountDownLatch disk = new java.util.concurrent.CountDownLatch(1);
        writer.beforeAppend = () -> {
            try {
                disk.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<Throwable> stuck = refusal(kioskTicket("stuck"));
        tw.queue.testsupport.Await.until(Duration.ofSeconds(6), () -> writer.storeFault().isPresent(),
                "the writer to give the hung append up at its 1.5 s timeout");
        Throwable queued = refusal(kioskTicket("behind")).get(2, TimeUnit.SECONDS);
        assertThat(queued).as("a command arriving while the append hangs is refused at once")
                .isInstanceOf(QueueWriter.StoreUnavailable.class);
        assertThat(writer.storeFault()).as("/health says why").hasValueSatisfying(f ->
                assertThat(f.reason()).isEqualTo("stalled"));
        writer.beforeAppend = () -> { };
        disk.countDown();
        assertThat(stuck.get(5, TimeUnit.SECONDS)).as("the hung batch is refused, not answered as stored")
                .isInstanceOf(QueueWriter.StoreUnavailable.class);
        assertThat(log.lastSeq()).as("nothing of it is in the log").isEqualTo(before);
        assertThat(writer.state().ticket("stuck")).isEmpty();

        assertThat(submit(kioskTicket("after")).ticketId()).contains("after");
        assertThat(writer.storeFault()).as("healthy again after a write").isEmpty();
        assertThat(writer.seq()).isEqualTo(log.lastSeq());
    }

    /** Submits and hands back the failure (null if it succeeded). */
    private CompletableFuture<Throwable> refusal(Command c) {
        CompletableFuture<Throwable> out = new CompletableFuture<>();
        context.runOnContext(v -> writer.submit(c).onComplete(ar -> out.complete(ar.failed() ? ar.cause() : null)));
        return out;
    }
}
