package tw.queue.hub.server;

import java.time.Duration;
import tw.queue.hub.auth.AttemptLimiter;

/**
 * What keeps one caller from slowing everyone: the HTTP server's timeouts, the sign-in and pairing limits, the
 * password hash's own small pool, and how many event-stream clients may catch up from the disk at once.
 *
 * @param headerTimeout     a request's head must arrive within this of the connection opening (or of the last answer)
 * @param bodyTimeout       and its body within this of its head
 * @param idleTimeout       a connection silent both ways for this long is closed (the event stream sends a
 *                          keep-alive every 15 s, so it must be longer)
 * @param hashThreads       threads that check passwords (PBKDF2, a fraction of a second each), apart from the
 *                          event loop and the writer so they can never starve call-next
 * @param hashQueue         sign-ins waiting for those threads at most; beyond, 429 at once
 * @param loginsInFlightPerAddress sign-ins from one address being checked at once at most; beyond, 429
 * @param loginPerUser      wrong passwords per username
 * @param loginPerAddress   wrong passwords per client address (whatever the username)
 * @param pairingPerAddress wrong pairing codes per client address
 * @param catchUps          pages of missed events read from the disk at once for event-stream clients; the
 *                          others wait their turn (reading from memory is not limited)
 * @param streamMemory      the newest events the event stream keeps in memory (and reads into it at start), so
 *                          that reconnects, also across a restart, never touch the disk: 50,000 is some 15 MB,
 *                          three or four busy office days
 * @param followerBacklog   bytes a follower of the event stream may leave unread in the hub (on top of what the
 *                          kernel's socket buffers hold) before it is closed: it reconnects with
 *                          {@code Last-Event-ID} and loses nothing, while the others are never held up by it
 * @param socketSendBuffer  the kernel's send buffer per connection (SO_SNDBUF; Linux doubles it): without it a
 *                          follower that stops reading may hold up to 4 MB of kernel memory (tcp_wmem's autotuning)
 *                          before the hub sees a full write queue; 32 KiB still fills a LAN link for a download
 * @param bodyLimit         the largest request body taken (bytes): more is 413 {@code body-too-large}
 * @param drainLimit        of a body refused before it was read, the bytes read and thrown away so the client can
 *                          read the answer ({@link UnreadBodies}); beyond, the connection is closed
 */
public record Limits(
        Duration headerTimeout,
        Duration bodyTimeout,
        Duration idleTimeout,
        int hashThreads,
        int hashQueue,
        int loginsInFlightPerAddress,
        AttemptLimiter.Policy loginPerUser,
        AttemptLimiter.Policy loginPerAddress,
        AttemptLimiter.Policy pairingPerAddress,
        int catchUps,
        int streamMemory,
        int followerBacklog,
        int socketSendBuffer,
        int bodyLimit,
        long drainLimit) {

    private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    public static final Limits DEFAULT = new Limits(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            1,
            16,
            2,
            // 3 free, then 1, 2, 4 ... 30 s between tries; the 10th wrong password locks the username 15 min
            new AttemptLimiter.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 10, QUARTER_HOUR, QUARTER_HOUR),
            // one address may be a shared office PC: 10 free, the 30th locks the address 15 min
            new AttemptLimiter.Policy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), 30, QUARTER_HOUR, QUARTER_HOUR),
            // a code is typed by hand: 5 free, the 20th wrong code locks the address 15 min
            new AttemptLimiter.Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), 20, QUARTER_HOUR, QUARTER_HOUR),
            4,
            50_000,
            // some 100 events: a phone on a weak signal rides out a burst, 10,000 stuck ones hold at most 320 MB
            // in theory and none in practice (a follower that reads has nothing waiting here)
            32 * 1024,
            32 * 1024,
            // the largest body a route takes: a day's bookings as CSV
            64 * 1024,
            // a few seconds of a slow LAN link at most; what any real client sends over the limit
            8L * 1024 * 1024);

    public Limits withHeaderTimeout(Duration header, Duration body) {
        return new Limits(header, body, idleTimeout, hashThreads, hashQueue, loginsInFlightPerAddress, loginPerUser,
                loginPerAddress, pairingPerAddress, catchUps, streamMemory, followerBacklog, socketSendBuffer, bodyLimit,
                drainLimit);
    }

    /** Other event-stream limits: pages read from the disk at once, events kept in memory. */
    public Limits withStream(int pagesAtOnce, int eventsInMemory) {
        return new Limits(headerTimeout, bodyTimeout, idleTimeout, hashThreads, hashQueue, loginsInFlightPerAddress,
                loginPerUser, loginPerAddress, pairingPerAddress, pagesAtOnce, eventsInMemory, followerBacklog, socketSendBuffer,
                bodyLimit, drainLimit);
    }

    /** Another bound on what a follower may leave unread before it is closed (bytes). */
    public Limits withFollowerBacklog(int bytes) {
        return new Limits(headerTimeout, bodyTimeout, idleTimeout, hashThreads, hashQueue, loginsInFlightPerAddress,
                loginPerUser, loginPerAddress, pairingPerAddress, catchUps, streamMemory, bytes, socketSendBuffer, bodyLimit,
                drainLimit);
    }
}
