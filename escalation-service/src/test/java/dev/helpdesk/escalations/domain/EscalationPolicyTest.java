package dev.helpdesk.escalations.domain;

import dev.helpdesk.events.Severity;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationPolicyTest {

    private final EscalationPolicy policy = new EscalationPolicy();

    private static TicketFacts unresolved(Severity severity, int highestLevel) {
        return new TicketFacts(false, severity, highestLevel);
    }

    @Test
    void breachRaisesLevelOneOnATicketNotYetEscalated() {
        assertThat(policy.onSlaBreach(unresolved(Severity.S3, 0))).hasValue(1);
    }

    @Test
    void breachRaisesNothingOnATicketAlreadyAtOrAboveLevelOne() {
        assertThat(policy.onSlaBreach(unresolved(Severity.S3, 1))).isEmpty();
        assertThat(policy.onSlaBreach(unresolved(Severity.S3, 2))).isEmpty();
    }

    @Test
    void breachOfAResolvedTicketRaisesNothing() {
        assertThat(policy.onSlaBreach(new TicketFacts(true, Severity.S1, 0))).isEmpty();
    }

    @Test
    void s1WarningAtNinetyPercentRaisesLevelOne() {
        assertThat(policy.onSlaWarning(unresolved(Severity.S1, 0), 90)).hasValue(1);
    }

    @Test
    void s1WarningBelowNinetyPercentRaisesNothing() {
        assertThat(policy.onSlaWarning(unresolved(Severity.S1, 0), 75)).isEmpty();
    }

    @Test
    void warningOfALessSevereTicketRaisesNothing() {
        assertThat(policy.onSlaWarning(unresolved(Severity.S2, 0), 90)).isEmpty();
        assertThat(policy.onSlaWarning(unresolved(null, 0), 90)).isEmpty();
    }

    @Test
    void requestRaisesLevelOneThenEachNextLevelUpToTheTop() {
        assertThat(policy.onEscalationRequest(unresolved(Severity.S4, 0))).hasValue(1);
        assertThat(policy.onEscalationRequest(unresolved(Severity.S4, 1))).hasValue(2);
        assertThat(policy.onEscalationRequest(unresolved(Severity.S4, 2))).hasValue(3);
        assertThat(policy.onEscalationRequest(unresolved(Severity.S4, 3))).isEmpty();
    }

    @Test
    void requestOnAResolvedTicketRaisesNothing() {
        assertThat(policy.onEscalationRequest(new TicketFacts(true, Severity.S4, 1))).isEmpty();
    }

    @Test
    void unacknowledgedLevelAdvancesToTheNextLevel() {
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 1), 1, EscalationState.OPEN)).hasValue(2);
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 2), 2, EscalationState.OPEN)).hasValue(3);
    }

    @Test
    void theTopLevelNeverAdvances() {
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 3), 3, EscalationState.OPEN)).isEmpty();
    }

    @Test
    void acknowledgedOrClosedLevelsDoNotAdvance() {
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 1), 1, EscalationState.ACKNOWLEDGED)).isEmpty();
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 1), 1, EscalationState.CLOSED)).isEmpty();
    }

    @Test
    void aLevelOvertakenByARequestDoesNotAdvanceAgain() {
        assertThat(policy.onAcknowledgementTimeout(unresolved(Severity.S2, 2), 1, EscalationState.OPEN)).isEmpty();
    }

    @Test
    void aResolvedTicketDoesNotAdvance() {
        assertThat(policy.onAcknowledgementTimeout(new TicketFacts(true, Severity.S2, 1), 1, EscalationState.OPEN))
                .isEqualTo(OptionalInt.empty());
    }
}
