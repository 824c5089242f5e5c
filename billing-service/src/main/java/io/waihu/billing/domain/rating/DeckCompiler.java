package io.waihu.billing.domain.rating;

import io.waihu.events.billing.DestinationClass;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns deck rows into destinations, or into every fault found (line, column, reason). All or nothing: a deck with
 * one bad row compiles to no destinations at all.
 *
 * <p>Defaults for empty cells: minimumBilledSeconds 0, freeSeconds 0, no minimum or maximum cost, rounding HALF_UP,
 * decimals 4. Call-level cells (connectFee and after) must agree on every row of one destination and band.
 */
public final class DeckCompiler {

    /** Reported faults stop at this many; a broken file should not produce a megabyte of errors. */
    public static final int MAX_ERRORS = 1000;

    public record Result(List<Destination> destinations, List<DeckError> errors) {

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private record ParsedRow(DeckRow row, String prefix, DestinationClass destinationClass, RateGroup group,
                             BigDecimal connectFee, int minimumBilledSeconds, int freeSeconds, BigDecimal minimumCost,
                             BigDecimal maximumCost, RoundingMethod rounding, int decimals) {

        List<Object> callLevel() {
            return Arrays.asList(connectFee == null ? null : connectFee.stripTrailingZeros(), minimumBilledSeconds, freeSeconds,
                    minimumCost == null ? null : minimumCost.stripTrailingZeros(),
                    maximumCost == null ? null : maximumCost.stripTrailingZeros(), rounding, decimals);
        }
    }

    private DeckCompiler() {
    }

    /** An uploaded deck: every rule. */
    public static Result compile(List<DeckRow> rows, Set<String> bandNames) {
        return compile(rows, bandNames, true);
    }

    /**
     * A deck stored at upload, compiled again to rate with it: the rules of its upload, so a deck stored before a
     * rule was added still loads (a cost limit off the rounding grid became an upload error later).
     */
    public static Result compileStored(List<DeckRow> rows, Set<String> bandNames) {
        return compile(rows, bandNames, false);
    }

    private static Result compile(List<DeckRow> rows, Set<String> bandNames, boolean upload) {
        List<DeckError> errors = new ArrayList<>();
        if (rows.isEmpty()) {
            errors.add(new DeckError(0, "", "the deck has no rows"));
            return new Result(List.of(), errors);
        }
        Map<String, Map<String, List<ParsedRow>>> byPrefixAndBand = new LinkedHashMap<>();
        Map<String, DeckRow> firstRowOfPrefix = new HashMap<>();
        for (DeckRow row : rows) {
            ParsedRow parsed = parse(row, bandNames, upload, errors);
            if (errors.size() >= MAX_ERRORS) {
                return new Result(List.of(), errors);
            }
            if (parsed == null) {
                continue;
            }
            DeckRow first = firstRowOfPrefix.putIfAbsent(parsed.prefix(), row);
            if (first != null) {
                if (!first.destinationName().equals(row.destinationName())) {
                    errors.add(new DeckError(row.line(), "destinationName", "prefix " + show(parsed.prefix())
                            + " is named '" + first.destinationName() + "' on line " + first.line()));
                }
                if (!first.destinationClass().equalsIgnoreCase(row.destinationClass())) {
                    errors.add(new DeckError(row.line(), "destinationClass", "prefix " + show(parsed.prefix())
                            + " is " + first.destinationClass() + " on line " + first.line()));
                }
            }
            byPrefixAndBand.computeIfAbsent(parsed.prefix(), p -> new LinkedHashMap<>())
                    .computeIfAbsent(row.band(), b -> new ArrayList<>()).add(parsed);
        }
        List<Destination> destinations = new ArrayList<>(byPrefixAndBand.size());
        for (var byBand : byPrefixAndBand.entrySet()) {
            Map<String, DestinationRate> rates = new HashMap<>();
            DestinationClass destinationClass = null;
            String name = null;
            for (var entry : byBand.getValue().entrySet()) {
                List<ParsedRow> groupRows = new ArrayList<>(entry.getValue());
                groupRows.sort((a, b) -> Integer.compare(a.group().startSecond(), b.group().startSecond()));
                ParsedRow head = groupRows.get(0);
                destinationClass = head.destinationClass();
                name = head.row().destinationName();
                boolean consistent = true;
                for (int i = 1; i < groupRows.size(); i++) {
                    ParsedRow other = groupRows.get(i);
                    if (other.group().startSecond() == groupRows.get(i - 1).group().startSecond()) {
                        errors.add(new DeckError(other.row().line(), "groupStartSeconds", "prefix " + show(byBand.getKey())
                                + " in band " + entry.getKey() + " already has a rate group starting at "
                                + other.group().startSecond() + " s (line " + groupRows.get(i - 1).row().line() + ")"));
                        consistent = false;
                    } else if (!Objects.equals(other.callLevel(), head.callLevel())) {
                        errors.add(new DeckError(other.row().line(), "connectFee", "connectFee, minimumBilledSeconds, "
                                + "freeSeconds, minimumCost, maximumCost, rounding and decimals must be the same on every row of "
                                + "prefix " + show(byBand.getKey()) + " in band " + entry.getKey() + " (see line " + head.row().line() + ")"));
                        consistent = false;
                    }
                }
                if (!consistent) {
                    continue;
                }
                List<RateGroup> groups = groupRows.stream().map(ParsedRow::group).toList();
                List<String> problems = DestinationRate.problems(groups, head.connectFee(), head.minimumBilledSeconds(),
                        head.freeSeconds(), head.minimumCost(), head.maximumCost(), head.rounding(), head.decimals());
                if (!problems.isEmpty()) {
                    int line = groupRows.get(groupRows.size() - 1).row().line();
                    for (String problem : problems) {
                        errors.add(new DeckError(line, problem.contains("cost") ? "minimumCost" : "groupStartSeconds",
                                "prefix " + show(byBand.getKey()) + " in band " + entry.getKey() + ": " + problem));
                    }
                    continue;
                }
                rates.put(entry.getKey(), new DestinationRate(groups, head.connectFee(), head.minimumBilledSeconds(),
                        head.freeSeconds(), head.minimumCost(), head.maximumCost(), head.rounding(), head.decimals()));
            }
            if (errors.isEmpty()) {
                destinations.add(new Destination(byBand.getKey(), name, destinationClass, rates));
            }
            if (errors.size() >= MAX_ERRORS) {
                break;
            }
        }
        return errors.isEmpty() ? new Result(destinations, List.of()) : new Result(List.of(), errors);
    }

    /** "*" and "" are the catch-all; a leading '+' and spaces are dropped. */
    public static String normalizePrefix(String text) {
        String p = text.replace(" ", "");
        if (p.equals("*")) {
            return "";
        }
        return p.startsWith("+") ? p.substring(1) : p;
    }

    private static ParsedRow parse(DeckRow row, Set<String> bandNames, boolean upload, List<DeckError> errors) {
        int before = errors.size();
        String prefix = normalizePrefix(row.prefix());
        if (!prefix.matches("[0-9]{0,15}") || (prefix.isEmpty() && !row.prefix().trim().equals("*"))) {
            errors.add(new DeckError(row.line(), "prefix", "must be E.164 digits (up to 15, '+' allowed) or * for the catch-all; got '"
                    + row.prefix() + "'"));
        }
        if (row.destinationName().isEmpty()) {
            errors.add(new DeckError(row.line(), "destinationName", "is required"));
        }
        DestinationClass destinationClass = null;
        try {
            destinationClass = DestinationClass.valueOf(row.destinationClass().toUpperCase());
        } catch (IllegalArgumentException e) {
            errors.add(new DeckError(row.line(), "destinationClass", "must be one of "
                    + Arrays.stream(DestinationClass.values()).map(Enum::name).collect(Collectors.joining(", ")) + "; got '"
                    + row.destinationClass() + "'"));
        }
        if (!bandNames.contains(row.band())) {
            errors.add(new DeckError(row.line(), "band", "unknown band '" + row.band() + "'; the tariff's bands are "
                    + bandNames.stream().sorted().toList()));
        }
        int groupStart = wholeNumber(row, "groupStartSeconds", row.groupStartSeconds(), 0, errors);
        BigDecimal rate = decimal(row, "rate", row.rate(), true, errors);
        int unit = wholeNumber(row, "unitSeconds", row.unitSeconds(), 1, errors);
        int increment = wholeNumber(row, "incrementSeconds", row.incrementSeconds(), 1, errors);
        BigDecimal connectFee = row.connectFee().isEmpty() ? BigDecimal.ZERO : decimal(row, "connectFee", row.connectFee(), true, errors);
        int minimumBilled = row.minimumBilledSeconds().isEmpty() ? 0 : wholeNumber(row, "minimumBilledSeconds", row.minimumBilledSeconds(), 0, errors);
        int free = row.freeSeconds().isEmpty() ? 0 : wholeNumber(row, "freeSeconds", row.freeSeconds(), 0, errors);
        BigDecimal minimumCost = row.minimumCost().isEmpty() ? null : decimal(row, "minimumCost", row.minimumCost(), true, errors);
        BigDecimal maximumCost = row.maximumCost().isEmpty() ? null : decimal(row, "maximumCost", row.maximumCost(), true, errors);
        RoundingMethod rounding = RoundingMethod.HALF_UP;
        if (!row.rounding().isEmpty()) {
            try {
                rounding = RoundingMethod.valueOf(row.rounding().toUpperCase());
            } catch (IllegalArgumentException e) {
                errors.add(new DeckError(row.line(), "rounding", "must be one of UP, HALF_UP, HALF_EVEN, DOWN; got '" + row.rounding() + "'"));
            }
        }
        int decimals = row.decimals().isEmpty() ? 4 : wholeNumber(row, "decimals", row.decimals(), 0, errors);
        if (decimals > 8) {
            errors.add(new DeckError(row.line(), "decimals", "must be between 0 and 8"));
        } else if (upload) {
            onTheRoundingGrid(row, "minimumCost", minimumCost, decimals, errors);
            onTheRoundingGrid(row, "maximumCost", maximumCost, decimals, errors);
        }
        if (minimumCost != null && maximumCost != null && minimumCost.compareTo(maximumCost) > 0) {
            errors.add(new DeckError(row.line(), "minimumCost", "is above maximumCost"));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ParsedRow(row, prefix, destinationClass, new RateGroup(groupStart, rate, unit, increment), connectFee,
                minimumBilled, free, minimumCost, maximumCost, rounding, decimals);
    }

    /**
     * A cost limit finer than the call's rounding would be passed by the rounding that follows it (a cap of 0.12345
     * rounded UP to 4 decimals costs 0.1235). On the grid, a rounded cost never crosses it.
     */
    private static void onTheRoundingGrid(DeckRow row, String column, BigDecimal limit, int decimals, List<DeckError> errors) {
        if (limit != null && limit.stripTrailingZeros().scale() > decimals) {
            errors.add(new DeckError(row.line(), column, "has more decimals than the " + decimals + " the call's cost is "
                    + "rounded to, so a rounded cost could pass it; got " + limit.toPlainString()));
        }
    }

    private static int wholeNumber(DeckRow row, String column, String text, int min, List<DeckError> errors) {
        try {
            int value = Integer.parseInt(text);
            if (value < min) {
                errors.add(new DeckError(row.line(), column, "must be " + min + " or more; got " + value));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new DeckError(row.line(), column, "must be a whole number of seconds; got '" + text + "'"));
            return min;
        }
    }

    private static BigDecimal decimal(DeckRow row, String column, String text, boolean required, List<DeckError> errors) {
        if (text.isEmpty() && required) {
            errors.add(new DeckError(row.line(), column, "is required"));
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() < 0) {
                errors.add(new DeckError(row.line(), column, "must not be negative; got " + text));
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new DeckError(row.line(), column, "must be a decimal number such as 0.0600; got '" + text + "'"));
            return BigDecimal.ZERO;
        }
    }

    private static String show(String prefix) {
        return prefix.isEmpty() ? "*" : prefix;
    }
}
