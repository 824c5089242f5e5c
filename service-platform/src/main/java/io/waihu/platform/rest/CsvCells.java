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
}
