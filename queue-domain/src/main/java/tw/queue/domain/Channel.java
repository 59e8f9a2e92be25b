package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a ticket was issued. */
public enum Channel {
    @JsonProperty("kiosk") KIOSK,
    @JsonProperty("volunteer") VOLUNTEER,
    @JsonProperty("web") WEB
}
