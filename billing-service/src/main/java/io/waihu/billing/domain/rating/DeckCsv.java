package io.waihu.billing.domain.rating;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads and writes the CSV form of a deck (RFC 4180: commas, double quotes, line breaks inside quoted cells, a header
 * row naming the columns of {@link DeckRow#COLUMNS} in any order). Rows are streamed, never held as text; a row's line
 * is the line it starts on.
 */
public final class DeckCsv {

    private static final int SHARED_CELLS = 100_000;

    private DeckCsv() {
    }

    /** Reads every row; header faults are reported as errors at line 1. */
    public static void read(Reader input, Consumer<DeckRow> rows, List<DeckError> errors) throws IOException {
        BufferedReader reader = new BufferedReader(input, 1 << 16);
        String header = reader.readLine();
        if (header == null) {
            errors.add(new DeckError(0, "", "the file is empty"));
            return;
        }
        if (!header.isEmpty() && header.charAt(0) == '\uFEFF') {
            header = header.substring(1);
        }
        List<String> names = split(header);
        int[] positions = new int[DeckRow.COLUMNS.length];
        for (int i = 0; i < DeckRow.COLUMNS.length; i++) {
            positions[i] = names.indexOf(DeckRow.COLUMNS[i]);
            boolean optional = i >= 9; // minimumBilledSeconds .. decimals have defaults
            if (positions[i] < 0 && !optional) {
                errors.add(new DeckError(1, DeckRow.COLUMNS[i], "column is missing from the header"));
            }
        }
        for (String name : names) {
            if (!List.of(DeckRow.COLUMNS).contains(name)) {
                errors.add(new DeckError(1, name, "unknown column; expected " + String.join(",", DeckRow.COLUMNS)));
            }
        }
        if (!errors.isEmpty()) {
            return;
        }
        String line;
        int number = 1;
        int physical = 1;
        // A 100,000-destination deck is ~400,000 rows of 15 cells; most cells repeat (bands, units, the same prefix
        // on consecutive rows), so equal cells share one String instead of 6 million copies.
        String[] previous = new String[DeckRow.COLUMNS.length];
        Map<String, String> shared = new HashMap<>();
        while ((line = reader.readLine()) != null) {
            number = ++physical;
            // a quoted cell may hold a line break (RFC 4180): the record goes on until its quotes are closed
            while (quoteOpen(line)) {
                String next = reader.readLine();
                if (next == null) {
                    errors.add(new DeckError(number, "", "a quoted cell opened on this line is never closed"));
                    return;
                }
                physical++;
                line = line + "\n" + next;
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            String[] values = new String[DeckRow.COLUMNS.length];
            for (int i = 0; i < values.length; i++) {
                String value = positions[i] >= 0 && positions[i] < cells.size() ? cells.get(positions[i]).trim() : "";
                if (value.equals(previous[i])) {
                    value = previous[i];
                } else if (i >= 2 && shared.size() < SHARED_CELLS) {
                    value = shared.computeIfAbsent(value, v -> v);
                }
                values[i] = value;
                previous[i] = value;
            }
            rows.accept(DeckRow.of(number, values));
        }
    }

    /** An odd number of double quotes: a quoted cell is still open at the end ("" inside one counts twice). */
    private static boolean quoteOpen(String record) {
        int quotes = 0;
        for (int i = record.indexOf('"'); i >= 0; i = record.indexOf('"', i + 1)) {
            quotes++;
        }
        return (quotes & 1) == 1;
    }

    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    public static String header() {
        return String.join(",", DeckRow.COLUMNS);
    }

    public static String line(DeckRow row) {
        StringBuilder out = new StringBuilder();
        String[] values = row.values();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values[i] == null ? "" : values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        return out.toString();
    }
}
