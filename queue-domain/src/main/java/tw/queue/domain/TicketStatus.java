package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a ticket stands. A transfer sends a called ticket back to {@link #WAITING} in another service,
 * keeping its number and its place in time; the others after {@link #CALLED} are final.
 */
public enum TicketStatus {
    @JsonProperty("waiting") WAITING,
    @JsonProperty("called") CALLED,
    @JsonProperty("served") SERVED,
    @JsonProperty("no-show") NO_SHOW,
    @JsonProperty("cancelled") CANCELLED,
    @JsonProperty("not-served") NOT_SERVED;

    public boolean isFinal() {
        return this != WAITING && this != CALLED;
    }
}
