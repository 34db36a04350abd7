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
                Instant.parse("2026-02-02T10:00:00Z"));

        String csv = TimesheetCsv.write(List.of(row), "EUR");

        assertThat(csv).isEqualTo(TimesheetCsv.HEADER + "\r\n"
                + "e1,REVERSED,2026-02-02,T-1,alice,STANDARD,100.00,-90,-150.00,EUR,\"said \"\"hi\"\", then\nleft\",2026-02-02T10:00:00Z\r\n");
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
