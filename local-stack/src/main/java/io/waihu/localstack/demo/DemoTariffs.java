package io.waihu.localstack.demo;

import java.util.List;
import java.util.Map;

/**
 * Three Chinese carriers and a VoIP trunk with realistic, differing tariffs (CNY): per-minute against 6-second
 * billing, peak and off-peak, mobile against fixed, local against long-distance, and international. No carrier is
 * cheapest everywhere, so least-cost routing has something to save.
 */
public final class DemoTariffs {

    /** Weekdays 08:00–21:00 Beijing time is peak; nights, weekends and holidays are off-peak. */
    static final String PEAK_OFFPEAK_BANDS = """
            [{"name":"peak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"08:00","to":"21:00"},
             {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"00:00","to":"08:00"},
             {"name":"offpeak","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],"from":"21:00","to":"24:00"},
             {"name":"offpeak","days":["SATURDAY","SUNDAY","HOLIDAY"],"from":"00:00","to":"24:00"}]""";
    /** The trunk has one flat band. */
    static final String FLAT_BANDS = """
            [{"name":"flat","days":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY","SUNDAY","HOLIDAY"],"from":"00:00","to":"24:00"}]""";
    static final List<String> HOLIDAYS = List.of("2026-10-01", "2026-10-02", "2026-10-03", "2027-01-01", "2027-02-17");

    /** Destination prefix, its name and class. */
    record Destination(String prefix, String name, String destinationClass) {
    }

    static final List<Destination> DESTINATIONS = List.of(
            new Destination("8610", "Beijing fixed (local)", "LOCAL"),
            new Destination("86", "China fixed, long distance", "NATIONAL"),
            new Destination("8613", "China mobile 13x", "MOBILE"),
            new Destination("8615", "China mobile 15x", "MOBILE"),
            new Destination("8617", "China mobile 17x", "MOBILE"),
            new Destination("8618", "China mobile 18x", "MOBILE"),
            new Destination("8619", "China mobile 19x", "MOBILE"),
            new Destination("852", "Hong Kong", "INTERNATIONAL"),
            new Destination("1", "United States and Canada", "INTERNATIONAL"),
            new Destination("44", "United Kingdom", "INTERNATIONAL"),
            new Destination("61", "Australia", "INTERNATIONAL"));

    /**
     * One carrier. {@code groups} are the rate-group rows per charge: first group start 0 with its increment, then
     * optionally a second group (e.g. "60/6": a first minute block, then 6-second steps).
     *
     * @param prices destination class (or a prefix for international) → {peak, offpeak} per minute
     */
    public record DemoCarrier(String code, String name, String kind, int weight, String bands, int firstIncrement,
                              Integer thenIncrementFrom, Integer thenIncrement, String connectFee, int minimumBilledSeconds,
                              Map<String, String[]> prices) {

        boolean flat() {
            return bands.equals(FLAT_BANDS);
        }

        /** The deck as CSV, one row per destination × band × rate group. */
        public String deckCsv() {
            StringBuilder csv = new StringBuilder(
                    "prefix,destinationName,destinationClass,band,groupStartSeconds,rate,unitSeconds,incrementSeconds,connectFee,minimumBilledSeconds,rounding,decimals\n");
            for (Destination d : DESTINATIONS) {
                String[] price = prices.containsKey(d.prefix()) ? prices.get(d.prefix()) : prices.get(d.destinationClass());
                List<String[]> bandPrices = flat() ? List.<String[]>of(new String[]{"flat", price[0]})
                        : List.of(new String[]{"peak", price[0]}, new String[]{"offpeak", price[1]});
                for (String[] band : bandPrices) {
                    row(csv, d, band[0], 0, band[1], firstIncrement);
                    if (thenIncrementFrom != null) {
                        row(csv, d, band[0], thenIncrementFrom, band[1], thenIncrement);
                    }
                }
            }
            return csv.toString();
        }

        private void row(StringBuilder csv, Destination d, String band, int groupStart, String rate, int increment) {
            csv.append(d.prefix()).append(',').append('"').append(d.name()).append('"').append(',').append(d.destinationClass())
                    .append(',').append(band).append(',').append(groupStart).append(',').append(rate).append(",60,")
                    .append(increment).append(',').append(connectFee).append(',').append(minimumBilledSeconds)
                    .append(",HALF_UP,4\n");
        }
    }

    /** China Mobile: per-minute billing (60/60), dearest on fixed lines; the default carrier LCR is measured against. */
    public static final DemoCarrier CHINA_MOBILE = new DemoCarrier("china-mobile", "China Mobile", "MOBILE_NETWORK", 30,
            PEAK_OFFPEAK_BANDS, 60, null, null, "0", 0, Map.of(
            "MOBILE", new String[]{"0.1200", "0.0800"},
            "LOCAL", new String[]{"0.1000", "0.0600"},
            "NATIONAL", new String[]{"0.1500", "0.1000"},
            "852", new String[]{"1.0000", "1.0000"},
            "1", new String[]{"1.5000", "1.5000"},
            "44", new String[]{"2.0000", "2.0000"},
            "61", new String[]{"2.2000", "2.2000"}));
    /** China Unicom: 6-second billing (6/6), cheapest on mobiles at peak. */
    public static final DemoCarrier CHINA_UNICOM = new DemoCarrier("china-unicom", "China Unicom", "MOBILE_NETWORK", 20,
            PEAK_OFFPEAK_BANDS, 6, null, null, "0", 0, Map.of(
            "MOBILE", new String[]{"0.1000", "0.0700"},
            "LOCAL", new String[]{"0.0900", "0.0500"},
            "NATIONAL", new String[]{"0.1400", "0.0900"},
            "852", new String[]{"0.9000", "0.9000"},
            "1", new String[]{"1.4000", "1.4000"},
            "44", new String[]{"1.9000", "1.9000"},
            "61", new String[]{"2.1000", "2.1000"}));
    /** China Telecom: a first-minute block then 6-second steps (60/6), cheapest on fixed lines. */
    public static final DemoCarrier CHINA_TELECOM = new DemoCarrier("china-telecom", "China Telecom", "FIXED_NETWORK", 20,
            PEAK_OFFPEAK_BANDS, 60, 60, 6, "0", 0, Map.of(
            "MOBILE", new String[]{"0.1100", "0.0600"},
            "LOCAL", new String[]{"0.0700", "0.0400"},
            "NATIONAL", new String[]{"0.1200", "0.0800"},
            "852", new String[]{"0.9500", "0.9500"},
            "1", new String[]{"1.3000", "1.3000"},
            "44", new String[]{"1.8000", "1.8000"},
            "61", new String[]{"2.0000", "2.0000"}));
    /** A VoIP trunk: per-second (1/1) with a 6 s minimum and a connect fee; far cheaper abroad. */
    public static final DemoCarrier VOIP_TRUNK = new DemoCarrier("sip-trunk", "Global SIP trunk", "VOIP_TRUNK", 10,
            FLAT_BANDS, 1, null, null, "0.0200", 6, Map.of(
            "MOBILE", new String[]{"0.1300"},
            "LOCAL", new String[]{"0.1100"},
            "NATIONAL", new String[]{"0.1100"},
            "852", new String[]{"0.3000"},
            "1", new String[]{"0.3500"},
            "44", new String[]{"0.4000"},
            "61", new String[]{"0.4500"}));

    public static final List<DemoCarrier> ALL = List.of(CHINA_MOBILE, CHINA_UNICOM, CHINA_TELECOM, VOIP_TRUNK);

    private DemoTariffs() {
    }
}
