package tw.queue.domain;

/** A counter is closed, open (calling), or paused (a clerk is signed in but calls no one). */
public enum CounterStatus implements WireNamed {
    @Wire("closed") CLOSED,
    @Wire("open") OPEN,
    @Wire("paused") PAUSED
}
