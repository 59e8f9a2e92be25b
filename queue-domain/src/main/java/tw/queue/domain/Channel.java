package tw.queue.domain;

/** Where a ticket was issued. */
public enum Channel implements WireNamed {
    @Wire("kiosk") KIOSK,
    @Wire("volunteer") VOLUNTEER,
    @Wire("web") WEB
}
