package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A counter is closed, open (calling), or paused (a clerk is signed in but calls no one). */
public enum CounterStatus {
    @JsonProperty("closed") CLOSED,
    @JsonProperty("open") OPEN,
    @JsonProperty("paused") PAUSED
}
