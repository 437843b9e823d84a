package dev.neuroinfo.ws.server.auth;

import java.util.function.LongSupplier;

/** The in-memory ticket store on a clock the test moves, for tests outside this package. */
public final class ManualClockTickets {
    private ManualClockTickets() {
    }

    /** A store whose time is {@code nanoClock}, in monotonic nanoseconds. */
    public static TicketStore on(LongSupplier nanoClock) {
        return new InMemoryTicketStore(nanoClock, count -> { });
    }
}
