package dev.helpdesk.budgets.report;

import java.util.List;
import java.math.BigDecimal;

/**
 * The timesheet as RFC 4180 CSV (comma separated, CRLF, header row, fields quoted when they hold a comma, quote or
 * line break). Free-text cells that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or
 * carriage return) get a leading apostrophe; numbers we format ourselves are written as they are. The last three
 * columns (activity, startedAt, outOfHours) came with issue 21: empty where unknown or not applicable.
 */
public final class TimesheetCsv {

    static final String HEADER = "entryId,kind,workDate,ticketId,agentId,rate,hourlyRate,minutes,amount,currency,note,recordedAt,"
            + "activity,startedAt,outOfHours";

    private TimesheetCsv() {
    }

    public static String write(List<TimesheetRow> rows, String currency) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (TimesheetRow row : rows) {
            csv.append(String.join(",",
                    text(row.entryId()), row.kind().name(), row.workDate().toString(), text(row.ticketId()),
                    text(row.agentId()), row.rate().name(), number(row.hourlyRate()), String.valueOf(row.minutes()),
                    number(row.amount()), text(currency), text(row.note()), row.recordedAt().toString(),
                    text(row.activity()), row.startedAt() == null ? "" : row.startedAt().toString(),
                    row.outOfHours() == null ? "" : row.outOfHours().toString()))
                    .append("\r\n");
        }
        return csv.toString();
    }

    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String cell = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
