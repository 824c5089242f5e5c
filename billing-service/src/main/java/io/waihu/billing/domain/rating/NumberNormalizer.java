package io.waihu.billing.domain.rating;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Locale;

/**
 * Reads a dialled number in any usual form (+86…, 0086…, 0…, 1…) as E.164 with libphonenumber, and names the
 * carrier that owns its range (information only: a ported number may have moved).
 */
public final class NumberNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();

    /** The number as E.164, what kind of line it is, and the range owner where libphonenumber knows it. */
    public record Normalized(String e164, String type, String rangeCarrier) {

        /** E.164 digits without the '+', the form prefixes are matched against. */
        public String digits() {
            return e164.substring(1);
        }
    }

    private NumberNormalizer() {
    }

    /** @throws IllegalArgumentException when the number cannot be read as a possible number */
    public static Normalized normalize(String dialled, String defaultRegion) {
        if (dialled == null || dialled.isBlank()) {
            throw new IllegalArgumentException("no number");
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(dialled, defaultRegion == null ? "ZZ" : defaultRegion);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + dialled + "' is not a phone number: " + e.getMessage());
        }
        if (!PHONES.isPossibleNumber(number)) {
            throw new IllegalArgumentException("'" + dialled + "' cannot be a phone number in its region");
        }
        String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        PhoneNumberType type = PHONES.getNumberType(number);
        // getNameForNumber would classify the number a second time (a few µs of regexes); the type is known here
        String carrier = hasRangeOwner(type) ? CARRIERS.getNameForValidNumber(number, Locale.ENGLISH) : null;
        return new Normalized(e164, type.name(), carrier == null || carrier.isEmpty() ? null : carrier);
    }

    /** Range owners are published for mobile ranges only, as libphonenumber's own carrier lookup assumes. */
    private static boolean hasRangeOwner(PhoneNumberType type) {
        return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE || type == PhoneNumberType.PAGER;
    }
}
