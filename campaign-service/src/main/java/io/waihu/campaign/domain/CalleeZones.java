package io.waihu.campaign.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.events.NumberType;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IANA zones a number may ring in (the contact's override when it has one, else libphonenumber's map), and the
 * rest of libphonenumber's reading of the number, made from the same parse: what kind of line it is and who owns
 * its range. The hopper puts the reading on DialRequested so billing does not read the number a second time.
 */
public final class CalleeZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();

    /**
     * Zones of numbers that are not geographical (most mobiles), per country code. libphonenumber answers them from
     * the country code alone (PrefixTimeZonesMap.lookupCountryLevelTimeZonesForNumber), but only through
     * getTimeZonesForNumber, which classifies the number again; the answer is remembered so a number is classified once.
     */
    private static final Map<Integer, List<String>> COUNTRY_ZONES = new ConcurrentHashMap<>();

    /**
     * libphonenumber's reading of a number to dial.
     *
     * @param zones where it may ring; empty when unknown (an unknown zone is never callable)
     * @param numberType the kind of line; null when the number is not carried as read (see {@link #read})
     * @param rangeCarrier the English name of the range owner (mobile-type ranges only); null when unknown
     */
    public record Reading(List<ZoneId> zones, NumberType numberType, String rangeCarrier) {
    }

    private CalleeZones() {
    }

    /**
     * @param e164 the number with '+'
     * @param zoneOverride the contact's IANA zone, or null
     * @return the zones, empty when unknown (an unknown zone is never callable)
     */
    public static List<ZoneId> of(String e164, String zoneOverride) {
        return read(e164, zoneOverride).zones();
    }

    /**
     * Reads the number once: one parse, one classification, the zones and the range owner from them.
     *
     * <p>The type and range owner are given only when they are what billing would read itself from this text
     * (billing-service's NumberNormalizer: parse, possible number, E.164 form, type, range owner of mobile-type
     * ranges): the number must be possible and already in libphonenumber's own E.164 form. Otherwise they are null
     * and billing reads the number itself (and refuses it, for an impossible one), as it always did.
     *
     * @param e164 the number with '+'
     * @param zoneOverride the contact's IANA zone, or null
     */
    public static Reading read(String e164, String zoneOverride) {
        List<ZoneId> overridden = null;
        if (zoneOverride != null && !zoneOverride.isBlank()) {
            try {
                overridden = List.of(ZoneId.of(zoneOverride));
            } catch (DateTimeException e) {
                overridden = List.of();
            }
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return new Reading(overridden == null ? List.of() : overridden, null, null);
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        List<ZoneId> zones = overridden != null ? overridden : zones(number, type);
        if (!UTIL.isPossibleNumber(number) || !e164.equals(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))) {
            return new Reading(zones, null, null);
        }
        // getNameForNumber would classify the number again; the type is known here (as in billing's reading)
        String carrier = hasRangeOwner(type) ? CARRIERS.getNameForValidNumber(number, Locale.ENGLISH) : null;
        return new Reading(zones, NumberType.valueOf(type.name()), carrier == null || carrier.isEmpty() ? null : carrier);
    }

    /** What PhoneNumberToTimeZonesMapper.getTimeZonesForNumber answers, from a type already known. */
    private static List<ZoneId> zones(PhoneNumber number, PhoneNumberType type) {
        List<String> ids;
        if (type == PhoneNumberType.UNKNOWN) {
            return List.of();
        } else if (UTIL.isNumberGeographical(type, number.getCountryCode())) {
            ids = MAPPER.getTimeZonesForGeographicalNumber(number);
        } else {
            ids = COUNTRY_ZONES.computeIfAbsent(number.getCountryCode(), cc -> List.copyOf(MAPPER.getTimeZonesForNumber(number)));
        }
        List<ZoneId> zones = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(id)) {
                continue;
            }
            try {
                zones.add(ZoneId.of(id));
            } catch (DateTimeException e) {
                // a zone id this JDK does not know: leave it out; no zones at all means not callable
            }
        }
        return zones;
    }

    /** Range owners are published for mobile ranges only, as libphonenumber's own carrier lookup assumes. */
    private static boolean hasRangeOwner(PhoneNumberType type) {
        return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE || type == PhoneNumberType.PAGER;
    }

    /** A valid E.164 number (libphonenumber's judgement), for caller ids and contact numbers. */
    public static boolean isValidE164(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            return false;
        }
        try {
            return UTIL.isValidNumber(UTIL.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
