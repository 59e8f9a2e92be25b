package tw.queue.hub.domain;

/** Tells a waiting ticket how many are ahead and how long it will likely wait. */
public interface WaitEstimator {

    WaitEstimate estimate(OfficeState state, Ticket ticket);

    /** What a ticket taken now for this service and priority would be told. */
    WaitEstimate forNewTicket(OfficeState state, String service, Priority priority);
}
