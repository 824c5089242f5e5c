package io.waihu.platform.rest;

/** One CSV cell as RFC 4180 writes it, for the CSV exports of every service. */
public final class CsvCells {

    private CsvCells() {
    }

    /** The value as is, or quoted with inner quotes doubled when it holds a comma, a quote or a line break; null is empty. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /**
     * A cell of free text that came from a user: one a spreadsheet would run as a formula (=, +, -, @, tab or
     * carriage return first) is kept as text with a leading quote (OWASP CSV injection), then written as {@link #cell}.
     */
    public static String text(String value) {
        boolean formula = value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        return cell(formula ? "'" + value : value);
    }
}
