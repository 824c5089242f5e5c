package io.waihu.campaign.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Locale;

/** Number normalisation with libphonenumber: whatever the user typed becomes E.164, or a reason why not. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The outcome of normalising one input: either {@code e164} or {@code error} is set. */
    public record Normalised(String e164, String error) {
        public boolean ok() {
            return e164 != null;
        }

        /** E.164 without the '+', as suppression entries and prefixes store numbers. */
        public String digits() {
            return e164.substring(1);
        }
    }

    public static boolean isRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /**
     * Parses {@code raw} (international with '+', or national in {@code defaultRegion}) and requires a valid number
     * for its region, so a typo is rejected instead of dialled.
     */
    public static Normalised normalise(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return new Normalised(null, "is empty");
        }
        String region = defaultRegion == null ? "ZZ" : defaultRegion.toUpperCase(Locale.ROOT);
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = UTIL.parse(raw.trim(), region);
        } catch (NumberParseException e) {
            return new Normalised(null, switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "'" + raw + "' has no valid country code (use +<country code> or a list/default region)";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "'" + raw + "' is too short";
                case TOO_LONG -> "'" + raw + "' is too long";
                default -> "'" + raw + "' is not a phone number";
            });
        }
        if (!UTIL.isValidNumber(parsed)) {
            return new Normalised(null, "'" + raw + "' is not a valid number for region "
                    + UTIL.getRegionCodeForNumber(parsed) + " (country code " + parsed.getCountryCode() + ")");
        }
        return new Normalised(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164), null);
    }

    /** A prefix is the leading E.164 digits without '+': 1 to 15 digits, starting with a country code digit. */
    public static String prefixError(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "is empty";
        }
        if (!prefix.matches("[1-9][0-9]{0,14}")) {
            return "'" + prefix + "' must be 1 to 15 digits of an E.164 number without '+' (not starting with 0)";
        }
        return null;
    }
}
