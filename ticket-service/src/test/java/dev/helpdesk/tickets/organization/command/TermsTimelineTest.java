package dev.helpdesk.tickets.organization.command;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.Plan;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TermsTimelineTest {

    static final ContractTerms REGISTERED = new ContractTerms("Uni", Plan.DEDICATED, CalendarKind.BUSINESS_HOURS,
            "Europe/Berlin", 6, "m1", null, null, null);
    static final Instant T1 = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2026-08-01T00:00:00Z");

    @Test
    void theTermsInEffectAreTheLastThatStartedAtOrBefore() {
        TermsTimeline timeline = TermsTimeline.registeredWith(REGISTERED)
                .with(T1, REGISTERED.withContactLimit(5))
                .with(T2, REGISTERED.withContactLimit(4))
                .with(T2, REGISTERED.withContactLimit(7));
        assertThat(timeline.at(Instant.parse("2020-01-01T00:00:00Z")).contactLimit()).isEqualTo(6);
        assertThat(timeline.at(T1.minusNanos(1)).contactLimit()).isEqualTo(6);
        assertThat(timeline.at(T1).contactLimit()).isEqualTo(5);
        assertThat(timeline.at(T2).contactLimit()).as("the newer change at the same instant wins").isEqualTo(7);
        assertThat(timeline.lastEffectiveFrom()).isEqualTo(T2);
    }

    @Test
    void anAdditionRespectsTheLowestLimitFromNowOn() {
        TermsTimeline timeline = TermsTimeline.registeredWith(REGISTERED)
                .with(T1, REGISTERED.withContactLimit(4))
                .with(T2, REGISTERED.withContactLimit(8));
        assertThat(timeline.contactLimitFrom(T1.minusSeconds(1))).isEqualTo(4);
        assertThat(timeline.contactLimitFrom(T2)).isEqualTo(8);
        assertThat(TermsTimeline.registeredWith(REGISTERED).lastEffectiveFrom()).isEqualTo(Instant.MIN);
    }

    @Test
    void refusesAChangeDatedBeforeTheLast() {
        TermsTimeline timeline = TermsTimeline.registeredWith(REGISTERED).with(T2, REGISTERED);
        assertThatThrownBy(() -> timeline.with(T1, REGISTERED)).isInstanceOf(IllegalArgumentException.class);
    }
}
