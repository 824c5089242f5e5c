package io.waihu.bench.rating;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.billing.domain.rating.BandCalendar;
import io.waihu.billing.domain.rating.CallUsage;
import io.waihu.billing.domain.rating.DayKind;
import io.waihu.billing.domain.rating.DeckCompiler;
import io.waihu.billing.domain.rating.DeckRow;
import io.waihu.billing.domain.rating.Destination;
import io.waihu.billing.domain.rating.NumberNormalizer;
import io.waihu.billing.domain.rating.TariffVersion;
import io.waihu.billing.domain.rating.TimeBand;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The workload of {@link RatingBenchmark}, built deterministically from fixed seeds: a 50,000-destination deck of a
 * Chinese carrier (Asia/Shanghai, CNY) compiled through {@link DeckCompiler} like an uploaded deck, and a week of
 * calls in the number formats a Chinese call centre dials.
 *
 * <p>The deck: China fixed ("86"), 2- and 3-digit area codes (8610, 8620, 86755, …), mobile blocks (861xx), their
 * 4-digit and 7-digit number segments (861xxY, 861xxYYYY), premium 86168, shared-cost 86400 and toll-free 86800,
 * then ~40,000 international prefixes of 3–7 digits under 50 country codes, each country with its bare code as well.
 * Bands: peak Mon–Fri 08:00–21:00, offpeak the rest of weekdays, weekend, holiday. Rate groups are a mix of 60/6,
 * 30/6, 1/1 and 60/60, some with a connect fee, a minimum or a maximum cost; HALF_UP to 4 decimals.
 */
final class RatingWorkload {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");
    static final Set<String> BANDS = Set.of("peak", "offpeak", "weekend", "holiday");
    static final Set<LocalDate> HOLIDAYS = Set.of(
            LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3),
            LocalDate.of(2027, 1, 1),
            LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7), LocalDate.of(2027, 2, 8));
    static final Instant V1_FROM = Instant.parse("2026-01-01T00:00:00Z");
    /** The calls' week, in UTC: Monday 2026-12-28 to Sunday 2027-01-03 (New Year's Day, a holiday, is the Friday). */
    static final Instant WEEK_START = Instant.parse("2026-12-28T00:00:00Z");
    /** Version 2 (China 8% dearer) activates mid-week: 2027-01-01 00:00 in Shanghai. */
    static final Instant V2_FROM = Instant.parse("2026-12-31T16:00:00Z");

    static final int DESTINATIONS = 50_000;
    static final long DECK_SEED = 20261128L;
    static final long CALL_SEED = 86L;

    /** cc, region (for number lengths), name, weight in the deck, weight in the calls. */
    private record Country(String cc, String region, String name, int deckWeight, int callWeight) {
    }

    private static final List<Country> COUNTRIES = List.of(
            new Country("1", "US", "USA/Canada", 60, 20), new Country("44", "GB", "United Kingdom", 30, 8),
            new Country("49", "DE", "Germany", 30, 5), new Country("33", "FR", "France", 25, 4),
            new Country("81", "JP", "Japan", 25, 8), new Country("61", "AU", "Australia", 20, 4),
            new Country("7", "RU", "Russia", 25, 4), new Country("39", "IT", "Italy", 20, 2),
            new Country("34", "ES", "Spain", 15, 2), new Country("82", "KR", "South Korea", 15, 5),
            new Country("65", "SG", "Singapore", 8, 5), new Country("852", "HK", "Hong Kong", 8, 8),
            new Country("853", "MO", "Macao", 4, 2), new Country("886", "TW", "Taiwan", 10, 5),
            new Country("60", "MY", "Malaysia", 12, 3), new Country("66", "TH", "Thailand", 12, 2),
            new Country("84", "VN", "Vietnam", 12, 2), new Country("62", "ID", "Indonesia", 15, 2),
            new Country("63", "PH", "Philippines", 12, 2), new Country("91", "IN", "India", 25, 2),
            new Country("92", "PK", "Pakistan", 10, 1), new Country("880", "BD", "Bangladesh", 8, 1),
            new Country("971", "AE", "United Arab Emirates", 8, 1), new Country("966", "SA", "Saudi Arabia", 8, 1),
            new Country("20", "EG", "Egypt", 8, 1), new Country("27", "ZA", "South Africa", 10, 1),
            new Country("234", "NG", "Nigeria", 10, 1), new Country("55", "BR", "Brazil", 20, 1),
            new Country("52", "MX", "Mexico", 15, 1), new Country("54", "AR", "Argentina", 10, 1),
            new Country("64", "NZ", "New Zealand", 6, 1), new Country("31", "NL", "Netherlands", 10, 1),
            new Country("41", "CH", "Switzerland", 8, 1), new Country("46", "SE", "Sweden", 8, 1),
            new Country("47", "NO", "Norway", 6, 1), new Country("48", "PL", "Poland", 10, 1),
            new Country("90", "TR", "Turkey", 10, 1), new Country("95", "MM", "Myanmar", 6, 1),
            new Country("855", "KH", "Cambodia", 6, 1), new Country("856", "LA", "Laos", 4, 1),
            new Country("977", "NP", "Nepal", 4, 1), new Country("94", "LK", "Sri Lanka", 6, 1),
            new Country("98", "IR", "Iran", 8, 1), new Country("972", "IL", "Israel", 8, 1),
            new Country("254", "KE", "Kenya", 6, 1), new Country("251", "ET", "Ethiopia", 4, 1),
            new Country("57", "CO", "Colombia", 8, 1), new Country("56", "CL", "Chile", 8, 1),
            new Country("51", "PE", "Peru", 6, 1), new Country("353", "IE", "Ireland", 6, 1));

    /** China mobile number blocks (third to fifth digits of +86 1xx); 168 is premium in this deck. */
    private static final List<String> MOBILE_BLOCKS = List.of(
            "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "145", "147", "149",
            "150", "151", "152", "153", "155", "156", "157", "158", "159", "162", "165", "166", "167",
            "170", "171", "172", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184", "185",
            "186", "187", "188", "189", "190", "191", "192", "193", "195", "196", "197", "198", "199");

    /** Kinds of destination, which decide the rate structure. */
    enum Kind { CHINA_FIXED, CHINA_MOBILE, CHINA_PREMIUM, CHINA_SHARED_COST, CHINA_TOLL_FREE, INTERNATIONAL }

    record Prefix(String digits, String name, String destinationClass, Kind kind, Country country) {
    }

    final List<Prefix> prefixes;
    final List<DeckRow> rowsV1;
    final List<DeckRow> rowsV2;
    final TariffVersion v1;
    final TariffVersion v2;
    /** Deck statistics for the report. */
    final Map<String, Integer> groupShapes = new LinkedHashMap<>();
    int withConnectFee;
    int withMinimumCost;
    int withMaximumCost;

    RatingWorkload() {
        prefixes = prefixes(new Random(DECK_SEED));
        rowsV1 = new ArrayList<>();
        rowsV2 = new ArrayList<>();
        Random rates = new Random(DECK_SEED + 1);
        for (Prefix prefix : prefixes) {
            addRows(prefix, rates);
        }
        v1 = compile(1, V1_FROM, rowsV1);
        v2 = compile(2, V2_FROM, rowsV2);
    }

    static BandCalendar calendar() {
        Set<DayKind> weekdays = EnumSet.range(DayKind.MONDAY, DayKind.FRIDAY);
        return new BandCalendar(List.of(
                new TimeBand("offpeak", weekdays, 0, 8 * 3600),
                new TimeBand("peak", weekdays, 8 * 3600, 21 * 3600),
                new TimeBand("offpeak", weekdays, 21 * 3600, TimeBand.DAY),
                new TimeBand("weekend", EnumSet.of(DayKind.SATURDAY, DayKind.SUNDAY), 0, TimeBand.DAY),
                new TimeBand("holiday", EnumSet.of(DayKind.HOLIDAY), 0, TimeBand.DAY)),
                HOLIDAYS, SHANGHAI);
    }

    private static TariffVersion compile(int version, Instant from, List<DeckRow> rows) {
        DeckCompiler.Result result = DeckCompiler.compile(rows, BANDS);
        if (!result.ok()) {
            throw new IllegalStateException("deck v" + version + " does not compile: " + result.errors().subList(0,
                    Math.min(5, result.errors().size())));
        }
        return TariffVersion.of("tariff-cn-bench", "carrier-cn-bench", version, CNY, "CN", from, calendar(),
                result.destinations());
    }

    // ---------------------------------------------------------------- the deck's prefixes

    private static List<Prefix> prefixes(Random random) {
        Map<String, Prefix> out = new LinkedHashMap<>();
        add(out, new Prefix("86", "China fixed", "NATIONAL", Kind.CHINA_FIXED, null));
        add(out, new Prefix("8610", "China fixed Beijing", "NATIONAL", Kind.CHINA_FIXED, null));
        for (int d = 0; d <= 9; d++) {
            add(out, new Prefix("862" + d, "China fixed 02" + d, "NATIONAL", Kind.CHINA_FIXED, null));
        }
        // before the area codes: 400 and 800 are service numbers, not areas
        add(out, new Prefix("86168", "China premium 168", "PREMIUM", Kind.CHINA_PREMIUM, null));
        add(out, new Prefix("86400", "China shared cost 400", "TOLL_FREE", Kind.CHINA_SHARED_COST, null));
        add(out, new Prefix("86800", "China toll free 800", "TOLL_FREE", Kind.CHINA_TOLL_FREE, null));
        // 3-digit area codes 0310..0999 (Shenzhen 0755, Hangzhou 0571, ...): about 690 of them
        for (int code = 310; code <= 999; code++) {
            add(out, new Prefix("86" + code, "China fixed 0" + code, "NATIONAL", Kind.CHINA_FIXED, null));
        }
        for (String block : MOBILE_BLOCKS) {
            add(out, new Prefix("86" + block, "China mobile " + block, "MOBILE", Kind.CHINA_MOBILE, null));
            for (int d = 0; d <= 9; d++) {
                add(out, new Prefix("86" + block + d, "China mobile " + block + d, "MOBILE", Kind.CHINA_MOBILE, null));
            }
        }
        // 7-digit number segments (H codes, 1xx YYYY) with their own (provincial) price: ~8,800 of them
        int chinaTarget = 10_000;
        while (out.size() < chinaTarget) {
            String block = MOBILE_BLOCKS.get(random.nextInt(MOBILE_BLOCKS.size()));
            String segment = block + digits(random, 4);
            add(out, new Prefix("86" + segment, "China mobile " + segment, "MOBILE", Kind.CHINA_MOBILE, null));
        }
        // international: every country's bare code, then random 3-7 digit prefixes in proportion to its weight
        for (Country country : COUNTRIES) {
            add(out, new Prefix(country.cc(), country.name(), "INTERNATIONAL", Kind.INTERNATIONAL, country));
        }
        int totalWeight = COUNTRIES.stream().mapToInt(Country::deckWeight).sum();
        while (out.size() < DESTINATIONS) {
            Country country = pick(random, COUNTRIES, totalWeight, Country::deckWeight);
            int minLength = Math.max(3, country.cc().length() + 1);
            int length = minLength + random.nextInt(7 - minLength + 1);
            String rest = digits(random, length - country.cc().length());
            if (rest.charAt(0) == '0') {
                continue; // no national number starts with a trunk 0 after the country code
            }
            add(out, new Prefix(country.cc() + rest, country.name() + " " + rest, "INTERNATIONAL", Kind.INTERNATIONAL, country));
        }
        return List.copyOf(out.values());
    }

    private static void add(Map<String, Prefix> out, Prefix prefix) {
        out.putIfAbsent(prefix.digits(), prefix);
    }

    // ---------------------------------------------------------------- the deck's rows

    /** Rate shapes: first increment / next increments, as carriers write them. */
    private enum Shape { S60_6, S30_6, S1_1, S60_60 }

    private void addRows(Prefix prefix, Random random) {
        Shape shape;
        String connectFee = "";
        String minimumCost = "";
        String maximumCost = "";
        String freeSeconds = "";
        double peakPerMinute;
        double otherFactor;
        switch (prefix.kind()) {
            case CHINA_MOBILE -> {
                shape = random.nextInt(10) < 7 ? Shape.S60_6 : Shape.S30_6;
                connectFee = random.nextInt(10) < 3 ? "0.0500" : "";
                peakPerMinute = 0.08 + random.nextInt(5) * 0.01;
                otherFactor = 0.5;
            }
            case CHINA_FIXED -> {
                shape = random.nextInt(10) < 6 ? Shape.S1_1 : Shape.S30_6;
                freeSeconds = random.nextInt(10) < 5 ? "3" : "";
                peakPerMinute = 0.05 + random.nextInt(4) * 0.01;
                otherFactor = 0.5;
            }
            case CHINA_PREMIUM -> {
                shape = Shape.S1_1;
                minimumCost = "1.0000";
                maximumCost = "5.0000";
                peakPerMinute = 0.50;
                otherFactor = 1.0;
            }
            case CHINA_SHARED_COST -> {
                shape = Shape.S60_60;
                peakPerMinute = 0.03;
                otherFactor = 1.0;
            }
            case CHINA_TOLL_FREE -> {
                shape = Shape.S60_60;
                peakPerMinute = 0.0;
                otherFactor = 1.0;
            }
            default -> {
                int s = random.nextInt(10);
                shape = s < 4 ? Shape.S60_60 : s < 7 ? Shape.S30_6 : s < 9 ? Shape.S60_6 : Shape.S1_1;
                connectFee = random.nextInt(4) == 0 ? money(0.10 + random.nextInt(20) * 0.05) : "";
                minimumCost = random.nextInt(10) == 0 ? money(0.50 + random.nextInt(4) * 0.25) : "";
                maximumCost = random.nextInt(20) == 0 ? money(200 + random.nextInt(10) * 50) : "";
                peakPerMinute = 0.30 + random.nextInt(770) * 0.01; // 0.30 .. 8.00 CNY/min
                otherFactor = 0.6 + random.nextInt(4) * 0.1;
            }
        }
        groupShapes.merge(shape.name(), 1, Integer::sum);
        withConnectFee += connectFee.isEmpty() ? 0 : 1;
        withMinimumCost += minimumCost.isEmpty() ? 0 : 1;
        withMaximumCost += maximumCost.isEmpty() ? 0 : 1;
        boolean china = prefix.digits().startsWith("86");
        for (String band : List.of("peak", "offpeak", "weekend", "holiday")) {
            double perMinute = band.equals("peak") ? peakPerMinute : peakPerMinute * otherFactor;
            for (int v = 1; v <= 2; v++) {
                // version 2: China 8% dearer, the rest unchanged
                double price = v == 2 && china ? perMinute * 1.08 : perMinute;
                List<DeckRow> rows = v == 1 ? rowsV1 : rowsV2;
                String[][] groups = switch (shape) {
                    case S60_6 -> new String[][]{{"0", "60"}, {"60", "6"}};
                    case S30_6 -> new String[][]{{"0", "30"}, {"30", "6"}};
                    case S1_1 -> new String[][]{{"0", "1"}};
                    case S60_60 -> new String[][]{{"0", "60"}};
                };
                for (String[] group : groups) {
                    rows.add(new DeckRow(rows.size() + 2, prefix.digits(), prefix.name(), prefix.destinationClass(), band,
                            group[0], rate(price), "60", group[1], connectFee, "", freeSeconds, minimumCost, maximumCost,
                            "HALF_UP", "4"));
                }
            }
        }
    }

    // ---------------------------------------------------------------- the calls

    /** A week of calls: 30% unanswered; numbers in every usual format; durations short-heavy with a long tail. */
    CallUsage[] calls(int count) {
        Random random = new Random(CALL_SEED);
        PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
        List<Prefix> mobile = prefixes.stream().filter(p -> p.kind() == Kind.CHINA_MOBILE).toList();
        List<Prefix> fixed = prefixes.stream().filter(p -> p.kind() == Kind.CHINA_FIXED && p.digits().length() > 2).toList();
        Map<Country, List<Prefix>> byCountry = new LinkedHashMap<>();
        for (Prefix p : prefixes) {
            if (p.country() != null) {
                byCountry.computeIfAbsent(p.country(), c -> new ArrayList<>()).add(p);
            }
        }
        int callWeight = COUNTRIES.stream().mapToInt(Country::callWeight).sum();
        CallUsage[] calls = new CallUsage[count];
        for (int i = 0; i < count; i++) {
            String number;
            do {
                int kind = random.nextInt(100);
                if (kind < 55) {
                    number = chinaMobile(random, mobile.get(random.nextInt(mobile.size())));
                } else if (kind < 80) {
                    number = chinaFixed(random, fixed.get(random.nextInt(fixed.size())));
                } else if (kind < 82) {
                    number = chinaSpecial(random);
                } else {
                    Country country = pick(random, COUNTRIES, callWeight, Country::callWeight);
                    List<Prefix> ofCountry = byCountry.get(country);
                    number = international(random, phones, country, ofCountry.get(random.nextInt(ofCountry.size())));
                }
            } while (!readable(number));
            calls[i] = call(random, number);
        }
        return calls;
    }

    private static CallUsage call(Random random, String number) {
        Instant at;
        if (random.nextInt(10) < 8) {
            // working hours: 09:00-21:00 in Shanghai = 01:00-13:00 UTC, any day of the week
            at = WEEK_START.plusSeconds(random.nextInt(7) * 86_400L + 3_600L + random.nextInt(12 * 3_600));
        } else {
            at = WEEK_START.plusSeconds(random.nextInt(7 * 86_400));
        }
        if (random.nextInt(100) < 30) {
            return new CallUsage(number, at, null, 0); // not answered: no answer time, 0 s
        }
        int ringing = 3 + random.nextInt(25);
        return new CallUsage(number, at.minusSeconds(ringing), at, duration(random));
    }

    /**
     * Seconds of an answered call: 25% short (0-30 s: hang-ups, voicemail), the rest log-normal with median 95 s and
     * a long tail, capped at one hour. The median of answered calls comes out at ~60 s.
     */
    static long duration(Random random) {
        if (random.nextInt(100) < 25) {
            return random.nextInt(31);
        }
        double seconds = Math.exp(Math.log(95) + 1.1 * random.nextGaussian());
        return Math.max(1, Math.min(3_600, Math.round(seconds)));
    }

    private static String chinaMobile(Random random, Prefix prefix) {
        String national = prefix.digits().substring(2);
        national = national + digits(random, 11 - national.length());
        int format = random.nextInt(100);
        if (format < 45) {
            return national;                                      // 13800138000
        } else if (format < 70) {
            return "+86" + national;                              // +8613800138000
        } else if (format < 85) {
            return "0086" + national;                             // 008613800138000
        } else if (format < 95) {
            return "+86 " + national.substring(0, 3) + " " + national.substring(3, 7) + " " + national.substring(7);
        }
        return national.substring(0, 3) + "-" + national.substring(3, 7) + "-" + national.substring(7);
    }

    private static String chinaFixed(Random random, Prefix prefix) {
        String area = prefix.digits().substring(2);
        String subscriber = (char) ('2' + random.nextInt(7)) + digits(random, area.length() == 2 ? 7 : 6 + random.nextInt(2));
        int format = random.nextInt(100);
        if (format < 40) {
            return "0" + area + " " + subscriber.substring(0, 4) + " " + subscriber.substring(4); // 0755 8888 1234
        } else if (format < 70) {
            return "0" + area + subscriber;                                                     // 075588881234
        } else if (format < 85) {
            return "+86" + area + subscriber;
        } else if (format < 95) {
            return "(0" + area + ") " + subscriber.substring(0, 4) + "-" + subscriber.substring(4);
        }
        return "0086 " + area + " " + subscriber;
    }

    private static String chinaSpecial(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "+86168" + digits(random, 8);
            case 1 -> "400" + digits(random, 7);
            default -> "800" + digits(random, 7);
        };
    }

    private static String international(Random random, PhoneNumberUtil phones, Country country, Prefix prefix) {
        PhoneNumberType type = random.nextBoolean() ? PhoneNumberType.MOBILE : PhoneNumberType.FIXED_LINE;
        PhoneNumber example = phones.getExampleNumberForType(country.region(), type);
        int length = example == null ? 9 : String.valueOf(example.getNationalNumber()).length();
        String start = prefix.digits().substring(country.cc().length());
        if (start.length() >= length) {
            start = start.substring(0, length - 1);
        }
        String national = start + digits(random, length - start.length());
        if (national.charAt(0) == '0') {
            national = '1' + national.substring(1);
        }
        int format = random.nextInt(100);
        if (format < 60) {
            return "+" + country.cc() + national;              // +442079460958
        } else if (format < 85) {
            return "00" + country.cc() + national;             // 00442079460958
        }
        return "00 " + country.cc() + " " + national;          // 00 44 2079460958
    }

    private static boolean readable(String number) {
        try {
            NumberNormalizer.normalize(number, "CN");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String digits(Random random, int count) {
        char[] out = new char[count];
        for (int i = 0; i < count; i++) {
            out[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(out);
    }

    private static <T> T pick(Random random, List<T> items, int totalWeight, java.util.function.ToIntFunction<T> weight) {
        int r = random.nextInt(totalWeight);
        for (T item : items) {
            r -= weight.applyAsInt(item);
            if (r < 0) {
                return item;
            }
        }
        throw new IllegalStateException();
    }

    private static String rate(double perMinute) {
        return BigDecimal.valueOf(perMinute).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static String money(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** Destinations per class, for the report. */
    static Map<String, Integer> byClass(TariffVersion version) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Destination d : version.destinations()) {
            out.merge(d.destinationClass().name(), 1, Integer::sum);
        }
        return out;
    }

    /** Prefix lengths, for the report. */
    static Map<Integer, Integer> byLength(TariffVersion version) {
        Map<Integer, Integer> out = new java.util.TreeMap<>();
        for (Destination d : version.destinations()) {
            out.merge(d.prefix().length(), 1, Integer::sum);
        }
        return out;
    }

    static long[] percentiles(CallUsage[] calls, double... ps) {
        long[] answered = Arrays.stream(calls).filter(c -> c.answeredAt() != null).mapToLong(CallUsage::billableSeconds)
                .sorted().toArray();
        long[] out = new long[ps.length];
        for (int i = 0; i < ps.length; i++) {
            out[i] = answered[(int) Math.min(answered.length - 1, Math.floor(ps[i] * answered.length))];
        }
        return out;
    }
}
