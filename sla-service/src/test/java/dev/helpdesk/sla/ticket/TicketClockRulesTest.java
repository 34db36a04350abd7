package dev.helpdesk.sla.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.helpdesk.businesstime.BusinessCalendar;
import dev.helpdesk.events.Severity;
import dev.helpdesk.events.TicketStatus;
import dev.helpdesk.events.TicketType;
import dev.helpdesk.sla.clock.ClockChange;
import dev.helpdesk.sla.clock.ClockEvent;
import dev.helpdesk.sla.clock.ClockState;
import dev.helpdesk.sla.clock.ExemptionReason;
import dev.helpdesk.sla.clock.Metric;
import dev.helpdesk.sla.clock.SlaClock;
import dev.helpdesk.sla.policy.SeverityTargets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clock start and stop rules event by event, NEXT_REPLY above all (plain Java, no Spring). */
class TicketClockRulesTest {

    private static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven(ZoneOffset.UTC);
    private static final Instant OPENED = Instant.parse("2026-11-23T10:00:00Z");

    private SlaTicket ticket;
    private List<SlaClock> clocks;

    private static Instant at(int minutes) {
        return OPENED.plus(Duration.ofMinutes(minutes));
    }

    private static Map<Severity, SeverityTargets> targets(Duration nextReply) {
        Map<Severity, SeverityTargets> targets = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            targets.put(severity, new SeverityTargets(Duration.ofHours(1), Duration.ofHours(8), nextReply));
        }
        targets.put(Severity.S1, new SeverityTargets(Duration.ofMinutes(30), Duration.ofHours(4), nextReply));
        return targets;
    }

    @BeforeEach
    void openAnIncident() {
        open(targets(null), TicketType.INCIDENT, false);
    }

    private void open(Map<Severity, SeverityTargets> targets, TicketType type, boolean withoutTargets) {
        ticket = new SlaTicket("T-1", "O-1", type, Severity.S2, TicketStatus.NEW, "standard", 1, "24x7",
                ZoneOffset.UTC, targets, List.of(75, 90), OPENED, withoutTargets);
        clocks = new ArrayList<>();
        if (!withoutTargets) {
            for (Metric metric : List.of(Metric.FIRST_RESPONSE, Metric.RESOLUTION)) {
                clocks.add(SlaClock.start("T-1", metric, Severity.S2, ticket.target(metric, Severity.S2),
                        List.of(75, 90), OPENED, ALWAYS).clock());
            }
        }
    }

    /** Applies a rule and keeps the clocks it leaves; answers the events per metric. */
    private Map<Metric, List<ClockEvent>> apply(java.util.function.BiFunction<SlaTicket, TicketClocks, SlaTicket> rule) {
        TicketClocks ticketClocks = new TicketClocks(clocks, ALWAYS);
        ticket = rule.apply(ticket, ticketClocks);
        Map<Metric, List<ClockEvent>> events = new EnumMap<>(Metric.class);
        clocks = new ArrayList<>();
        for (ClockChange change : ticketClocks.changes()) {
            clocks.add(change.clock());
            if (!change.events().isEmpty()) {
                events.put(change.clock().metric(), change.events());
            }
        }
        return events;
    }

    private Map<Metric, List<ClockEvent>> staffReply(int minute) {
        return apply((t, c) -> TicketClockRules.publicComment(t, c, true, at(minute)));
    }

    private Map<Metric, List<ClockEvent>> contactComment(int minute) {
        return apply((t, c) -> TicketClockRules.publicComment(t, c, false, at(minute)));
    }

    private Map<Metric, List<ClockEvent>> status(TicketStatus to, int minute) {
        TicketStatus from = ticket.status();
        return apply((t, c) -> TicketClockRules.statusChanged(t, c, from, to, at(minute)));
    }

    private SlaClock clock(Metric metric) {
        return clocks.stream().filter(c -> c.metric() == metric).findFirst().orElse(null);
    }

    @Test
    void aContactCommentBeforeTheFirstResponseStartsNoNextReply() {
        Map<Metric, List<ClockEvent>> events = contactComment(5);

        assertThat(events).isEmpty();
        assertThat(clock(Metric.NEXT_REPLY)).isNull();
    }

    @Test
    void aContactCommentAfterTheFirstResponseStartsANextReplyOnTheFirstResponseTarget() {
        staffReply(10);
        Map<Metric, List<ClockEvent>> events = contactComment(20);

        assertThat(events.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Started(at(20), at(20 + 60)));
        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.RUNNING);
        assertThat(clock(Metric.NEXT_REPLY).target()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aPolicysOwnNextReplyTargetCounts() {
        open(targets(Duration.ofMinutes(15)), TicketType.INCIDENT, false);
        staffReply(10);
        contactComment(20);

        assertThat(clock(Metric.NEXT_REPLY).dueAt()).isEqualTo(at(35));
    }

    @Test
    void theNextPublicReplyBySupportMeetsIt() {
        staffReply(10);
        contactComment(20);
        Map<Metric, List<ClockEvent>> events = staffReply(50);

        assertThat(events.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Met(at(80), at(50)));
        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void aSecondContactCommentWhileOneRunsStartsNoOther() {
        staffReply(10);
        contactComment(20);
        Map<Metric, List<ClockEvent>> events = contactComment(30);

        assertThat(events).isEmpty();
        assertThat(clock(Metric.NEXT_REPLY).startedAt()).isEqualTo(at(20));
    }

    @Test
    void aBreachedUnansweredNextReplyStillBlocksANewOne() {
        staffReply(10);
        contactComment(20);
        apply((t, c) -> {
            c.change(Metric.NEXT_REPLY, clock -> clock.fireDue(at(200), ALWAYS));
            return t;
        });
        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.BREACHED);

        assertThat(contactComment(210)).isEmpty();
        staffReply(220);
        assertThat(clock(Metric.NEXT_REPLY).metAt()).isEqualTo(at(220));
        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.BREACHED);
    }

    @Test
    void afterAMetNextReplyTheNextContactCommentStartsANewOne() {
        staffReply(10);
        contactComment(20);
        staffReply(30);
        Map<Metric, List<ClockEvent>> events = contactComment(40);

        assertThat(events.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Started(at(40), at(100)));
        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.RUNNING);
    }

    @Test
    void anExemptedNextReplyDoesNotBlockTheNextOne() {
        staffReply(10);
        contactComment(20);
        apply((t, c) -> {
            c.change(Metric.NEXT_REPLY, clock -> clock.exempt(at(25), ExemptionReason.CUSTOMER_ASKED_TO_WAIT,
                    "on holiday", "agent-1", ALWAYS));
            return t;
        });
        Map<Metric, List<ClockEvent>> events = contactComment(40);

        assertThat(events.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Started(at(40), at(100)));
    }

    @Test
    void waitingOnTheCustomerPausesTheNextReplyAndLeavingResumesIt() {
        staffReply(10);
        contactComment(20);
        Map<Metric, List<ClockEvent>> paused = status(TicketStatus.WAITING_ON_CUSTOMER, 30);
        Map<Metric, List<ClockEvent>> resumed = status(TicketStatus.IN_PROGRESS, 90);

        assertThat(paused.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Paused(at(30), at(80)));
        assertThat(resumed.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Resumed(at(90), at(140)));
        assertThat(clock(Metric.NEXT_REPLY).pausedFor()).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void aContactCommentOnATicketWaitingOnTheCustomerStartsARunningNextReply() {
        staffReply(10);
        status(TicketStatus.WAITING_ON_CUSTOMER, 15);
        contactComment(20);
        status(TicketStatus.IN_PROGRESS, 20);

        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.RUNNING);
        assertThat(clock(Metric.NEXT_REPLY).dueAt()).isEqualTo(at(80));
    }

    @Test
    void resolvingMeetsARunningNextReply() {
        staffReply(10);
        contactComment(20);
        Map<Metric, List<ClockEvent>> events = status(TicketStatus.RESOLVED, 40);

        assertThat(events.get(Metric.NEXT_REPLY)).containsExactly(new ClockEvent.Met(at(80), at(40)));
    }

    @Test
    void aContactCommentOnAResolvedTicketStartsANextReplyItsReopeningLeavesRunning() {
        staffReply(10);
        status(TicketStatus.RESOLVED, 20);
        contactComment(30);
        apply((t, c) -> TicketClockRules.statusChanged(t, c, TicketStatus.RESOLVED, TicketStatus.IN_PROGRESS, at(30)));

        assertThat(clock(Metric.NEXT_REPLY).state()).isEqualTo(ClockState.RUNNING);
        assertThat(clock(Metric.RESOLUTION).state()).isEqualTo(ClockState.RUNNING);
    }

    @Test
    void noNextReplyOnAClosedTicket() {
        staffReply(10);
        status(TicketStatus.RESOLVED, 20);
        status(TicketStatus.CLOSED, 25);

        assertThat(contactComment(30)).isEmpty();
    }

    @Test
    void aSeverityChangeRetargetsTheNextReply() {
        staffReply(10);
        contactComment(20);
        Map<Metric, List<ClockEvent>> events = apply((t, c) -> TicketClockRules.severityChanged(t, c, Severity.S1, at(30)));

        assertThat(clock(Metric.NEXT_REPLY).severity()).isEqualTo(Severity.S1);
        assertThat(clock(Metric.NEXT_REPLY).dueAt()).isEqualTo(at(50));
        assertThat(events.get(Metric.NEXT_REPLY)).isNull();
    }

    @Test
    void aTicketWhoseTypeHasNoTargetsNeverGetsANextReply() {
        open(targets(null), TicketType.REQUEST, true);
        staffReply(10);

        assertThat(contactComment(20)).isEmpty();
        assertThat(clocks).isEmpty();
        assertThat(ticket.target(Metric.FIRST_RESPONSE, Severity.S2)).isNull();
    }

    @Test
    void anUnansweredFirstResponseThatWasExemptedNoLongerBlocks() {
        apply((t, c) -> {
            c.change(Metric.FIRST_RESPONSE, clock -> clock.exempt(at(5), ExemptionReason.MISASSIGNED_SEVERITY,
                    "S1 for a typo", "agent-1", ALWAYS));
            return t;
        });

        assertThat(contactComment(20).get(Metric.NEXT_REPLY)).isNotEmpty();
    }

    @Test
    void aStartedNextReplyIsARestartWithoutRetargeting() {
        staffReply(10);
        contactComment(20);
        staffReply(30);
        TicketClocks ticketClocks = new TicketClocks(clocks, ALWAYS);
        TicketClockRules.publicComment(ticket, ticketClocks, false, at(40));

        assertThat(ticketClocks.restarted(Metric.NEXT_REPLY)).isTrue();
        assertThat(ticketClocks.restarted(Metric.FIRST_RESPONSE)).isFalse();
    }

    @Test
    void theOfficeCalendarMovesANextReplyStartedAtNightToTheNextOpening() {
        BusinessCalendar office = BusinessCalendar.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("UTC"));
        staffReply(10);
        TicketClocks ticketClocks = new TicketClocks(clocks, office);
        TicketClockRules.publicComment(ticket, ticketClocks, false, Instant.parse("2026-11-23T20:00:00Z"));

        assertThat(ticketClocks.get(Metric.NEXT_REPLY).startedAt()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(ticketClocks.get(Metric.NEXT_REPLY).dueAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }
}
