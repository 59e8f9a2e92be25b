package tw.queue.hub.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A follower's connection once its stream has begun, taken from Vert.x's HTTP layer. A stream's answer never
 * ends, so everything Vert.x keeps per HTTP connection (the request with its headers, the response, the
 * decoder, a write queue of 1,024 slots: some 8 KB) would stay for as long as the phone follows; once the
 * head and the first bytes are on the wire the hub takes the socket back from Vert.x (which counts the
 * connection as closed: its metrics, the request deadlines and its close handlers are done with it), moves it
 * to a stream event loop (not the writer's: the loop whose thread writes to the socket is never the one
 * that answers the clerks), and writes each message there as one ready-made HTTP chunk, the same buffer for
 * every follower.
 *
 * <p>Used on the owner's context (the hub's event loop) only; what the socket reports on the stream loop comes
 * back to the owner. Writes made before the socket has moved wait here, in order.
 */
final class StreamConnection {
    private static final AtomicInteger NEXT_LOOP = new AtomicInteger();

    private final ContextInternal owner;
    /** Vert.x's connection until the socket is taken (then dropped, so what Vert.x kept of it can go). */
    private HttpConnection connection;
    private final int backlog;
    private Channel channel;
    /** Writes made before the socket has moved (owner only); null once it has. */
    private ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
    private int waitingBytes;
    private boolean closed;
    /** Called once when the follower can take more, after {@link #full()} said it could not; then forgotten. */
    private Runnable onDrain;
    private Runnable onClose = () -> { };

    private StreamConnection(ContextInternal owner, HttpConnection connection, int backlog) {
        this.owner = owner;
        this.connection = connection;
        this.backlog = backlog;
    }

    /**
     * Takes over a stream whose head and {@code first} bytes Vert.x writes now: called on the owner's context in
     * the request's handler. {@code backlog} is what the follower may leave unread before {@link #full()}.
     */
    static StreamConnection take(HttpServerResponse res, HttpConnection connection, Buffer first, int backlog) {
        StreamConnection s = new StreamConnection(ContextInternal.current(), connection, backlog);
        res.write(first).onComplete(ar -> {
            if (ar.failed() || !(connection instanceof ConnectionBase base)) {
                // closed before it began (or not a socket the hub can take): Vert.x keeps it, and it ends now
                s.closed();
                return;
            }
            s.detach(base);
        });
        res.closeHandler(v -> {
            if (s.channel == null) {
                s.closed(); // closed before the socket was taken
            }
        });
        return s;
    }

    /** Called once when the follower can take more after {@link #full()}, on the owner's context. */
    StreamConnection drainHandler(Runnable r) {
        onDrain = r;
        return this;
    }

    /** Called once when the connection has closed (or was cut), on the owner's context. */
    StreamConnection closeHandler(Runnable r) {
        onClose = r;
        return this;
    }

    boolean isClosed() {
        return closed;
    }

    /** More than the backlog is waiting unsent: a follower too slow to read. */
    boolean full() {
        if (closed) {
            return true;
        }
        return waiting != null ? waitingBytes > backlog : !channel.isWritable();
    }

    /** Writes one or more ready-made chunks ({@link #chunk}); the buffer is shared, never changed or released. */
    void write(ByteBuf chunks) {
        if (closed || waiting != null) {
            add(chunks);
            return;
        }
        // one task for the stream loop, not a write and a flush: the fan-out makes one of these per follower
        channel.writeAndFlush(chunks.duplicate(), channel.voidPromise());
    }

    /**
     * The writes of one slice of a fan-out round, handed to each stream loop as one task that writes them all
     * (not one task per follower): the hub's loop only lists them. A loop carries out its tasks in order, so these
     * follow whatever was written to the same sockets before.
     */
    static final class Batch {
        private final java.util.Map<EventLoop, java.util.ArrayList<Object>> byLoop = new java.util.HashMap<>();

        void write(StreamConnection s, ByteBuf chunks) {
            if (s.closed || s.waiting != null) {
                s.write(chunks);
                return;
            }
            java.util.ArrayList<Object> l = byLoop.computeIfAbsent(s.channel.eventLoop(), k -> new java.util.ArrayList<>());
            l.add(s.channel);
            l.add(chunks.duplicate());
        }

        /** Hands what was listed to the stream loops. */
        void submit() {
            for (var e : byLoop.entrySet()) {
                java.util.ArrayList<Object> l = e.getValue();
                e.getKey().execute(() -> {
                    for (int i = 0; i < l.size(); i += 2) {
                        Channel ch = (Channel) l.get(i);
                        ch.writeAndFlush(l.get(i + 1), ch.voidPromise());
                    }
                });
            }
            byLoop.clear();
        }
    }

    /** As {@link #write}, sent with what follows at the next {@link #flush()} (a catch-up: one send, not one each). */
    void add(ByteBuf chunks) {
        if (closed) {
            return;
        }
        if (waiting != null) {
            waiting.add(chunks);
            waitingBytes += chunks.readableBytes();
            return;
        }
        channel.write(chunks.duplicate(), channel.voidPromise());
    }

    void flush() {
        if (!closed && waiting == null) {
            channel.flush();
        }
    }

    /** Closes at once, dropping what is unsent (a follower that does not read would never let a flush finish). */
    void cut() {
        if (channel != null) {
            channel.close();
        } else {
            EventStream.cut(connection);
        }
    }

    private void closed() {
        if (!closed) {
            closed = true;
            waiting = null;
            onClose.run();
        }
    }

    /**
     * Takes the socket from Vert.x: every handler of its pipeline goes, Vert.x is told the connection closed
     * (on this, its own context, as it would be), then the socket moves to a stream loop; what waited is
     * written there.
     */
    private void detach(ConnectionBase base) {
        Channel ch = base.channel();
        if (!ch.isActive()) {
            closed();
            return;
        }
        ChannelPipeline p = ch.pipeline();
        VertxHandler<?> vertx = p.get(VertxHandler.class);
        for (String name : List.copyOf(p.names())) {
            ChannelHandler h = p.get(name);
            if (h != null) {
                p.remove(h);
            }
        }
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(backlog / 2, backlog));
        p.addLast("stream", new Handler(this));
        channel = ch;
        connection = null;
        if (vertx != null) {
            vertx.channelInactive(null); // for Vert.x this HTTP connection is over; the socket is the hub's now
        }
        EventLoop target = streamLoop(owner);
        if (target == ch.eventLoop()) {
            attached();
            return;
        }
        ch.deregister().addListener(d -> {
            if (!d.isSuccess()) {
                owner.runOnContext(v -> cut());
                return;
            }
            target.register(ch).addListener(r -> owner.runOnContext(v -> {
                if (r.isSuccess()) {
                    attached();
                } else {
                    ch.close();
                    closed();
                }
            }));
        });
    }

    private void attached() {
        ArrayDeque<ByteBuf> w = waiting;
        waiting = null;
        waitingBytes = 0;
        if (closed || w == null) {
            return;
        }
        if (!channel.isActive()) {
            closed();
            return;
        }
        for (ByteBuf b : w) {
            channel.write(b.duplicate(), channel.voidPromise());
        }
        channel.flush();
        if (channel.isWritable()) {
            drained();
        }
    }

    private void drained() {
        Runnable d = onDrain;
        onDrain = null;
        if (d != null && !closed) {
            d.run();
        }
    }

    /**
     * The loop a stream's socket is moved to: the Vert.x event loops other than the owner's, in turn; the owner's
     * own when it is the only one.
     */
    private static EventLoop streamLoop(ContextInternal owner) {
        List<EventLoop> loops = streamLoops(owner);
        return loops.get(Math.floorMod(NEXT_LOOP.getAndIncrement(), loops.size()));
    }

    private static List<EventLoop> streamLoops(ContextInternal owner) {
        EventLoop mine = owner.nettyEventLoop();
        List<EventLoop> others = new java.util.ArrayList<>();
        for (var e : ((VertxInternal) owner.owner()).nettyEventLoopGroup()) {
            if (e != mine && e instanceof EventLoop loop) {
                others.add(loop);
            }
        }
        return others.isEmpty() ? List.of(mine) : others;
    }

    /**
     * Runs {@code done} on the caller's (the owner's) context once every stream loop has carried out the writes
     * given it so far: a loop takes its tasks in order, so a mark queued behind them comes back after them. The
     * fan-out waits for it before its next round, so rounds go no faster than the sockets take them, and what is
     * committed meanwhile goes out together in the next.
     */
    static void afterWrites(Runnable done) {
        ContextInternal owner = ContextInternal.current();
        List<EventLoop> loops = streamLoops(owner);
        int[] left = {loops.size()};
        for (EventLoop loop : loops) {
            loop.execute(() -> owner.runOnContext(v -> {
                if (--left[0] == 0) {
                    done.run();
                }
            }));
        }
    }

    /** One message as the bytes of an HTTP/1.1 chunk (its length in hex, CRLF, the message, CRLF). */
    static byte[] chunkBytes(String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        byte[] head = (Integer.toHexString(m.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + m.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(m, 0, out, head.length, m.length);
        out[out.length - 2] = '\r';
        out[out.length - 1] = '\n';
        return out;
    }

    /** One message as an HTTP/1.1 chunk, ready to share between followers. */
    static ByteBuf chunk(String message) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(chunkBytes(message)).asReadOnly());
    }

    /**
     * Chunks one after the other, as one buffer for a round of the fan-out: outside the heap, so that the stream
     * loops hand the same bytes to every socket instead of copying them out of the heap once per follower (the
     * JDK frees it when the round's last write has let go of it).
     */
    static ByteBuf forRound(List<byte[]> chunks) {
        int n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        ByteBuf all = Unpooled.wrappedBuffer(java.nio.ByteBuffer.allocateDirect(n)).clear();
        for (byte[] c : chunks) {
            all.writeBytes(c);
        }
        return Unpooled.unreleasableBuffer(all.asReadOnly());
    }

    /** On the stream loop: what the socket says goes back to the owner; a follower has nothing more to send. */
    private static final class Handler extends ChannelDuplexHandler {
        private final StreamConnection s;

        Handler(StreamConnection s) {
            this.s = s;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                s.owner.runOnContext(v -> s.drained());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            s.owner.runOnContext(v -> s.closed());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
