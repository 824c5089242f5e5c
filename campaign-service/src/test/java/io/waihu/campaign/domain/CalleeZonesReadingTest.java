package io.waihu.campaign.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.events.NumberType;
import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hopper's one reading of a number gives what libphonenumber's separate calls give: the zones of
 * PhoneNumberToTimeZonesMapper.getTimeZonesForNumber (as CalleeZones gave before), and the type and range owner
 * billing reads for itself (parse, possible, E.164 form, getNumberType, PhoneNumberToCarrierMapper.getNameForNumber),
 * carried only when the text is libphonenumber's own E.164 form of a possible number.
 */
class CalleeZonesReadingTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();
    static final List<String> REGIONS = List.of("US", "CA", "GB", "CN", "DE", "FR", "IN", "BR", "AU", "JP", "MX", "ZA",
            "NG", "RU", "ES", "IT", "SG", "HK", "KR", "ID", "AR", "NZ", "KE", "EG", "TR", "SE", "PL", "PH", "VN", "CL");

    /** Example numbers of every region and type, then each with random subscriber digits, shorter and longer. */
    static List<String> seededNumbers(long seed, int variantsPerExample) {
        Random random = new Random(seed);
        Set<String> out = new LinkedHashSet<>();
        for (String region : REGIONS) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = UTIL.format(example, PhoneNumberUtil.PhoneNumberFormat.E164);
                out.add(e164);
                for (int i = 0; i < variantsPerExample; i++) {
                    StringBuilder b = new StringBuilder(e164);
                    int keep = Math.max(3, b.length() - 1 - random.nextInt(6));
                    for (int d = keep; d < b.length(); d++) {
                        b.setCharAt(d, (char) ('0' + random.nextInt(10)));
                    }
                    switch (random.nextInt(6)) {
                        case 0 -> b.setLength(Math.max(4, b.length() - 1));
                        case 1 -> b.append((char) ('0' + random.nextInt(10)));
                        default -> { }
                    }
                    out.add(b.toString());
                }
            }
        }
        // texts that are not libphonenumber's E.164 of themselves: national prefix kept, an impossible length
        out.add("+8601012345678");
        out.add("+4402071838750");
        out.add("+1415555");
        out.add("+999123456");
        return new ArrayList<>(out);
    }

    @Test
    void oneReadingAgreesWithLibphonenumbersSeparateAnswers() {
        long seed = 20261127L;
        List<String> numbers = seededNumbers(seed, 60);
        Map<NumberType, Integer> seenTypes = new EnumMap<>(NumberType.class);
        int withCarrier = 0;
        int notCarried = 0;
        for (String number : numbers) {
            CalleeZones.Reading reading = CalleeZones.read(number, null);
            String why = "seed " + seed + ", number " + number;

            assertThat(reading.zones()).as(why).isEqualTo(referenceZones(number));
            PhoneNumber parsed = parse(number);
            boolean carried = parsed != null && UTIL.isPossibleNumber(parsed)
                    && number.equals(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
            if (!carried) {
                notCarried++;
                assertThat(reading.numberType()).as(why).isNull();
                assertThat(reading.rangeCarrier()).as(why).isNull();
                continue;
            }
            assertThat(reading.numberType()).as(why).isNotNull();
            assertThat(reading.numberType().name()).as(why).isEqualTo(UTIL.getNumberType(parsed).name());
            String owner = CARRIERS.getNameForNumber(parsed, Locale.ENGLISH);
            assertThat(reading.rangeCarrier()).as(why).isEqualTo(owner.isEmpty() ? null : owner);
            seenTypes.merge(reading.numberType(), 1, Integer::sum);
            withCarrier += reading.rangeCarrier() == null ? 0 : 1;
        }
        assertThat(numbers.size()).isGreaterThan(10_000);
        assertThat(seenTypes.keySet()).contains(NumberType.MOBILE, NumberType.FIXED_LINE, NumberType.FIXED_LINE_OR_MOBILE,
                NumberType.TOLL_FREE, NumberType.PREMIUM_RATE, NumberType.VOIP, NumberType.UNKNOWN);
        assertThat(withCarrier).isGreaterThan(500);
        assertThat(notCarried).isGreaterThan(100);
    }

    @Test
    void aContactsZoneOverrideReplacesTheZonesButNotTheReading() {
        CalleeZones.Reading overridden = CalleeZones.read("+8613800138000", "Europe/London");
        CalleeZones.Reading bad = CalleeZones.read("+8613800138000", "Not/AZone");

        assertThat(overridden.zones()).containsExactly(ZoneId.of("Europe/London"));
        assertThat(overridden.numberType()).isEqualTo(NumberType.MOBILE);
        assertThat(overridden.rangeCarrier()).isEqualTo("China Mobile");
        assertThat(bad.zones()).isEmpty();
        assertThat(bad.numberType()).isEqualTo(NumberType.MOBILE);
        assertThat(CalleeZones.read("not a number", "Asia/Tokyo")).isEqualTo(new CalleeZones.Reading(List.of(ZoneId.of("Asia/Tokyo")), null, null));
        assertThat(CalleeZones.read("+442071838750", null)).isEqualTo(
                new CalleeZones.Reading(List.of(ZoneId.of("Europe/London")), NumberType.FIXED_LINE, null));
    }

    @Test
    void numberTypeNamesAreLibphonenumbersTypes() {
        assertThat(Arrays.stream(NumberType.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(PhoneNumberType.values()).map(Enum::name).toList());
    }

    /** CalleeZones.of as it was: parse, getTimeZonesForNumber, unknown and JDK-unknown zones left out. */
    private static List<ZoneId> referenceZones(String number) {
        PhoneNumber parsed = parse(number);
        if (parsed == null) {
            return List.of();
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String id : MAPPER.getTimeZonesForNumber(parsed)) {
            if (PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id)) {
                continue;
            }
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException e) {
                // as CalleeZones
            }
        }
        return zones;
    }

    private static PhoneNumber parse(String number) {
        try {
            return UTIL.parse(number, "ZZ");
        } catch (NumberParseException e) {
            return null;
        }
    }
}
