package dev.helpdesk.sla.clock;

import java.time.Instant;

/** The next threshold of a running clock (100 = breach) and when it is reached. */
public record NextTimer(int percent, Instant at) {

    public boolean isBreach() {
        return percent == SlaClock.BREACH_PERCENT;
    }
}
