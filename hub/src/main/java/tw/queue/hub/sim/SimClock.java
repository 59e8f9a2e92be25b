package tw.queue.hub.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulated clock: moves only when the simulator says so. */
final class SimClock extends Clock {
    private final Instant origin;
    private double seconds;

    SimClock(Instant origin) {
        this.origin = origin;
    }

    void setSeconds(double s) {
        seconds = s;
    }

    double seconds() {
        return seconds;
    }

    Instant at(double s) {
        return origin.plusNanos(Math.round(s * 1e9));
    }

    double secondsOf(Instant i) {
        return (i.toEpochMilli() - origin.toEpochMilli()) / 1000.0;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return at(seconds);
    }
}
