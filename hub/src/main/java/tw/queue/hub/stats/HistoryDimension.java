package tw.queue.hub.stats;

import tw.queue.domain.Wire;
import tw.queue.domain.WireNamed;

/** What the history summary groups visits by ({@code by=} of {@code GET /api/stats/summary}). */
public enum HistoryDimension implements WireNamed {
    /** The visit's service (after any transfer). */
    @Wire("service") SERVICE,
    /** The counter of the visit's last call. */
    @Wire("counter") COUNTER,
    /** The clerk of the visit's last call, finish or no-show. */
    @Wire("clerk") CLERK,
    /** The local hour the number was taken. */
    @Wire("hour") HOUR,
    /** Weekday (1 = Monday) and local hour the number was taken. */
    @Wire("weekday-hour") WEEKDAY_HOUR
}
