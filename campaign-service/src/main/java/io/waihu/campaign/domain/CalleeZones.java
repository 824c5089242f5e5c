package io.waihu.campaign.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The IANA zones a number may ring in: the contact's override when it has one, else libphonenumber's map. */
public final class CalleeZones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();

    private CalleeZones() {
    }

    /**
     * @param e164 the number with '+'
     * @param zoneOverride the contact's IANA zone, or null
     * @return the zones, empty when unknown (an unknown zone is never callable)
     */
    public static List<ZoneId> of(String e164, String zoneOverride) {
        if (zoneOverride != null && !zoneOverride.isBlank()) {
            try {
                return List.of(ZoneId.of(zoneOverride));
            } catch (DateTimeException e) {
                return List.of();
            }
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(e164, "ZZ");
        } catch (NumberParseException e) {
            return List.of();
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String id : MAPPER.getTimeZonesForNumber(number)) {
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
