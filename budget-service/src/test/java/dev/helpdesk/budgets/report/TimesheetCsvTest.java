package dev.helpdesk.budgets.report;

import dev.helpdesk.budgets.charging.LedgerLine;
import dev.helpdesk.events.RateKind;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimesheetCsvTest {

    @Test
    void writesHeaderAndCrlfRowsQuotingCommasQuotesAndLineBreaks() {
        TimesheetRow row = new TimesheetRow("e1", LedgerLine.Kind.REVERSED, "T-1", "alice", LocalDate.parse("2026-02-02"),
                RateKind.STANDARD, new BigDecimal("100.00"), -90, new BigDecimal("-150.00"), "said \"hi\", then\nleft",
                Instant.parse("2026-02-02T10:00:00Z"), null, null, null);

        String csv = TimesheetCsv.write(List.of(row), "EUR");

        assertThat(csv).isEqualTo(TimesheetCsv.HEADER + "\r\n"
                + "e1,REVERSED,2026-02-02,T-1,alice,STANDARD,100.00,-90,-150.00,EUR,\"said \"\"hi\"\", then\nleft\",2026-02-02T10:00:00Z,,,\r\n");
    }

    @Test
    void writesOrganisationLevelTimeWithItsActivityStartAndOutOfHoursMark() {
        TimesheetRow row = new TimesheetRow("o1", LedgerLine.Kind.LOGGED, null, "alice", LocalDate.parse("2026-03-10"),
                RateKind.CONSULTANCY, new BigDecimal("150.00"), 90, new BigDecimal("225.00"), "Moodle 4.5 upgrade",
                Instant.parse("2026-03-10T21:00:00Z"), "Workshop, online", Instant.parse("2026-03-10T19:00:00Z"), true);

        assertThat(TimesheetCsv.write(List.of(row), "EUR")).endsWith("\r\n"
                + "o1,LOGGED,2026-03-10,,alice,CONSULTANCY,150.00,90,225.00,EUR,Moodle 4.5 upgrade,2026-03-10T21:00:00Z,"
                + "\"Workshop, online\",2026-03-10T19:00:00Z,true\r\n");
        assertThat(TimesheetCsv.HEADER).endsWith(",recordedAt,activity,startedAt,outOfHours");
    }

    @Test
    void neutralisesTextThatASpreadsheetWouldRunAsAFormula() {
        assertThat(TimesheetCsv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(TimesheetCsv.text("+1")).isEqualTo("'+1");
        assertThat(TimesheetCsv.text("-2")).isEqualTo("'-2");
        assertThat(TimesheetCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(TimesheetCsv.text("plain note")).isEqualTo("plain note");
    }
}
