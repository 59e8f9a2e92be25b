package tw.queue.hub.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The fan-out benchmark's yardstick: the least a durable push server does. One verticle; {@code POST
 * /append?type=T} with a JSON body appends the message to a file and fsyncs it (one at a time, on a worker),
 * answers, and pushes the same bytes to every {@code GET /events} follower. No state, no validation, no replay.
 * Run as a child JVM like the hub: {@code BarePushServer FILE}; prints "listening on PORT".
 */
public final class BarePushServer extends VerticleBase {
    private final Path file;
    private final Set<HttpServerResponse> followers = new LinkedHashSet<>();
    private FileChannel log;
    private long seq;
    private int port;

    private BarePushServer(Path file) {
        this.file = file;
    }

    @Override
    public Future<?> start() throws Exception {
        log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/events")) {
                HttpServerResponse res = req.response().setChunked(true)
                        .putHeader("Content-Type", "text/event-stream");
                res.write("retry: 2000\n\n");
                followers.add(res);
                res.closeHandler(v -> followers.remove(res));
            } else if (req.path().equals("/append")) {
                String type = req.getParam("type", "message");
                req.body().compose(body -> {
                    Buffer frame = Buffer.buffer("id: " + (++seq) + "\nevent: " + type + "\ndata: ")
                            .appendBuffer(body).appendString("\n\n");
                    return vertx.executeBlocking(() -> {
                        log.write(java.nio.ByteBuffer.wrap(frame.getBytes()));
                        log.force(false);
                        return frame;
                    }, true);
                }).onSuccess(frame -> {
                    req.response().end();
                    followers.forEach(f -> f.write(frame));
                }).onFailure(e -> req.response().setStatusCode(500).end());
            } else {
                req.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
    }

    public static void main(String[] args) {
        Vertx vertx = Vertx.vertx();
        BarePushServer server = new BarePushServer(Path.of(args[0]));
        vertx.deployVerticle(server).await();
        System.out.println("listening on " + server.port);
    }
}
