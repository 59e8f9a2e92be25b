package tw.queue.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told: the simulator's, and the tests'. Counts seconds from an origin. */
public final class ManualClock extends Clock {
    private final Instant origin;
    private double seconds;

    public ManualClock(Instant origin) {
        this.origin = origin;
    }

    public void setSeconds(double s) {
        seconds = s;
    }

    public void advance(java.time.Duration d) {
        seconds += d.toNanos() / 1e9;
    }

    public double seconds() {
        return seconds;
    }

    public Instant at(double s) {
        return origin.plusNanos(Math.round(s * 1e9));
    }

    public double secondsOf(Instant i) {
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
