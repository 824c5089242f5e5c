package io.waihu.billing.domain.rating;

/**
 * One row of a tariff deck: one rate group of one destination in one band. Values are kept as text until the
 * deck is compiled, so every fault can be reported with its line and column.
 *
 * @param line the row's line in the uploaded file (1 = the header of a CSV), or its index + 1 in a JSON array
 */
public record DeckRow(int line, String prefix, String destinationName, String destinationClass, String band,
                      String groupStartSeconds, String rate, String unitSeconds, String incrementSeconds,
                      String connectFee, String minimumBilledSeconds, String freeSeconds, String minimumCost,
                      String maximumCost, String rounding, String decimals) {

    /** The CSV columns, in order; also the JSON field names. */
    public static final String[] COLUMNS = {"prefix", "destinationName", "destinationClass", "band", "groupStartSeconds",
            "rate", "unitSeconds", "incrementSeconds", "connectFee", "minimumBilledSeconds", "freeSeconds", "minimumCost",
            "maximumCost", "rounding", "decimals"};

    public String[] values() {
        return new String[]{prefix, destinationName, destinationClass, band, groupStartSeconds, rate, unitSeconds,
                incrementSeconds, connectFee, minimumBilledSeconds, freeSeconds, minimumCost, maximumCost, rounding, decimals};
    }

    public static DeckRow of(int line, String[] v) {
        String[] f = new String[COLUMNS.length];
        for (int i = 0; i < f.length; i++) {
            String cell = i < v.length && v[i] != null ? v[i] : "";
            f[i] = cell.isEmpty() || (!Character.isWhitespace(cell.charAt(0)) && !Character.isWhitespace(cell.charAt(cell.length() - 1)))
                    ? cell : cell.trim();
        }
        return new DeckRow(line, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14]);
    }
}
