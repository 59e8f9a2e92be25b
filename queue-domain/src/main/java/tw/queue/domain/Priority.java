package tw.queue.domain;

/** Priority classes (博愛) as the office names them. */
public enum Priority implements WireNamed {
    @Wire("none") NONE,
    @Wire("elderly") ELDERLY,
    @Wire("disability") DISABILITY,
    @Wire("pregnant-or-infant") PREGNANT_OR_INFANT,
    @Wire("appointment") APPOINTMENT;

    public boolean isPriority() {
        return this != NONE;
    }
}
