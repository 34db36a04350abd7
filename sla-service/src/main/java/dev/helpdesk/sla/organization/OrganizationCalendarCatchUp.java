package dev.helpdesk.sla.organization;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, publishes the calendar of every registered organisation whose calendar was never published (those
 * registered before this service published calendars) or changed unannounced. Idempotent: with nothing changed it
 * publishes nothing, so several instances starting together publish each calendar once (the rows are locked).
 */
@Component
class OrganizationCalendarCatchUp {

    private static final Logger log = LoggerFactory.getLogger(OrganizationCalendarCatchUp.class);

    private final OrganizationCalendarPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrganizationCalendarCatchUp(OrganizationCalendarPublisher publisher, TransactionTemplate transactions, Clock clock) {
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUp() {
        Integer published = transactions.execute(status -> publisher.publishChanges(null, clock.instant(), null));
        if (published != null && published > 0) {
            log.info("Published the calendars of {} organisations not announced before", published);
        }
    }
}
