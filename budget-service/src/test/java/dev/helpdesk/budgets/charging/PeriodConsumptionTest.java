package dev.helpdesk.budgets.charging;

import dev.helpdesk.events.CalendarKind;
import dev.helpdesk.events.RateKind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodConsumptionTest {

    private static final SupportPeriod FIRST = new SupportPeriod(LocalDate.parse("2025-04-01"), LocalDate.parse("2026-03-31"));
    private static final SupportPeriod SECOND = new SupportPeriod(LocalDate.parse("2026-04-01"), LocalDate.parse("2027-03-31"));
    private static final RateCard RATES = new RateCard(new BigDecimal("97.00"), new BigDecimal("143.00"));
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** New rates from the middle of a day (mid-period), so that a line's start instant and its date may disagree. */
    private static final TermsHistory TERMS = new TermsHistory(RATES, CalendarKind.BUSINESS_HOURS, ZONE, List.of(
            new TermsHistory.TermsChange(Instant.parse("2025-10-15T11:00:00Z"), Instant.parse("2025-10-01T00:00:00Z"),
                    new BigDecimal("111.00"), null, null, null)));

    private static BudgetAccount account(List<LedgerLine> lines) {
        return new BudgetAccount("org-1", "EUR", RATES, new SupportPeriods(List.of(FIRST, SECOND)), List.of(), lines, TERMS);
    }

    /** Lines as the live consumer adds them one poll after another, reversals completed with their entry's facts. */
    @RepeatedTest(20)
    void movingTheTotalsLineByLineGivesTheFiguresOfTheWholeLedger() {
        Random random = new Random();
        List<LedgerLine> ledger = new ArrayList<>();
        List<LedgerLine> entries = new ArrayList<>();
        PeriodConsumption totals = PeriodConsumption.of(account(List.of()));
        for (int i = 0; i < 300; i++) {
            LedgerLine line;
            if (!entries.isEmpty() && random.nextInt(5) == 0) {
                LedgerLine entry = entries.remove(random.nextInt(entries.size()));
                line = new LedgerLine(entry.entryId(), LedgerLine.Kind.REVERSED, entry.ticketId(), entry.agentId(),
                        entry.minutes(), entry.rate(), entry.workDate(), "wrong", Instant.EPOCH, null, entry.startedAt());
            } else {
                LocalDate day = LocalDate.parse("2025-03-20").plusDays(random.nextInt(760));
                Instant started = random.nextBoolean() ? null
                        : day.atStartOfDay(ZONE).toInstant().plusSeconds(random.nextInt(86_400));
                line = new LedgerLine("e" + i, LedgerLine.Kind.LOGGED, "T-" + random.nextInt(20), "alice",
                        1 + random.nextInt(479), random.nextBoolean() ? RateKind.STANDARD : RateKind.CONSULTANCY, day,
                        "work", Instant.EPOCH, null, started);
                entries.add(line);
            }
            ledger.add(line);
            totals = totals.plus(account(List.of()), List.of(line));
        }

        BudgetAccount whole = account(ledger);
        assertThat(totals).isEqualTo(PeriodConsumption.of(whole));
        assertThat(totals.in(FIRST)).isEqualTo(whole.consumedIn(FIRST));
        assertThat(totals.in(SECOND)).isEqualTo(whole.consumedIn(SECOND));
    }

    @Test
    void aLineOutsideEveryPeriodChangesNothingAndAReversalCancelsItsEntryToTheCent() {
        LedgerLine before = new LedgerLine("e1", LedgerLine.Kind.LOGGED, "T-1", "alice", 60, RateKind.STANDARD,
                LocalDate.parse("2025-01-10"), "before", Instant.EPOCH);
        LedgerLine entry = new LedgerLine("e2", LedgerLine.Kind.LOGGED, "T-1", "alice", 7, RateKind.CONSULTANCY,
                LocalDate.parse("2026-05-10"), "odd minutes", Instant.EPOCH);
        LedgerLine reversal = new LedgerLine("e2", LedgerLine.Kind.REVERSED, "T-1", "alice", 7, RateKind.CONSULTANCY,
                LocalDate.parse("2026-05-10"), "undo", Instant.EPOCH);

        PeriodConsumption totals = PeriodConsumption.of(account(List.of())).plus(account(List.of()), List.of(before, entry));
        assertThat(totals.in(FIRST)).hasToString("0.00");
        assertThat(totals.in(SECOND)).hasToString("16.68");

        assertThat(totals.plus(account(List.of()), List.of(reversal)).in(SECOND)).hasToString("0.00");
    }
}
