package tw.queue.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Priority classes (博愛) as the office names them. */
public enum Priority {
    @JsonProperty("none") NONE,
    @JsonProperty("elderly") ELDERLY,
    @JsonProperty("disability") DISABILITY,
    @JsonProperty("pregnant-or-infant") PREGNANT_OR_INFANT,
    @JsonProperty("appointment") APPOINTMENT;

    public boolean isPriority() {
        return this != NONE;
    }
}
