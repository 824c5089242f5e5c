package io.waihu.billing.domain.rating;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.waihu.events.NumberType;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Reads a dialled number in any usual form (+86…, 0086…, 0…, 1…) as E.164 with libphonenumber, and names the
 * carrier that owns its range (information only: a ported number may have moved).
 *
 * <p>libphonenumber is the only thing that reads a number, canonical E.164 included: there is no hand-written
 * shortcut, because what it answers depends on the whole number (its national-number patterns and lengths),
 * not on a prefix. What is saved is doing it twice for the same text: the result of a reading is a pure function
 * of (dialled text, default region), so the last readings are kept in a small cache and a number rated again
 * (a retry, a quote against every carrier, a rerating run) is not parsed again.
 */
public final class NumberNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();

    /** Slots of the cache; a power of two. ~16k readings, a few MB at most. */
    static final int CACHE_SLOTS = 1 << 14;

    /** One remembered reading; immutable, so a slot can be read and replaced without locks. */
    private record Reading(String dialled, String region, Normalized normalized) {
    }

    /** Sets of two slots; a miss is just a libphonenumber call, and the reading replaces the older of its set. */
    private static final AtomicReferenceArray<Reading> CACHE = new AtomicReferenceArray<>(CACHE_SLOTS);

    /** The number as E.164, what kind of line it is, and the range owner where libphonenumber knows it. */
    public record Normalized(String e164, String type, String rangeCarrier) {

        /** E.164 digits without the '+', the form prefixes are matched against. */
        public String digits() {
            return e164.substring(1);
        }
    }

    private NumberNormalizer() {
    }

    /**
     * The reading campaign-service's hopper made of a dialled number and the dialer carried on CallEnded
     * ({@code numberType}, {@code rangeCarrier}): no libphonenumber here. The hopper attaches a reading only to a
     * possible number written in libphonenumber's own E.164 form, so it is what {@link #normalize} would answer for
     * {@code e164} (NumberReadingEquivalenceTest).
     *
     * @param e164 the event's number, E.164 as its contract checks
     * @param type the event's numberType
     * @param rangeCarrier the event's rangeCarrier, or null
     */
    public static Normalized carried(String e164, NumberType type, String rangeCarrier) {
        if (e164 == null || type == null) {
            throw new IllegalArgumentException("a carried reading needs the number and its type");
        }
        return new Normalized(e164, type.name(), rangeCarrier);
    }

    /** @throws IllegalArgumentException when the number cannot be read as a possible number */
    public static Normalized normalize(String dialled, String defaultRegion) {
        if (dialled == null) {
            throw new IllegalArgumentException("no number");
        }
        // two-way: a reading lives in one of the two slots of its set, the newer first, so two numbers that hash
        // to the same set do not evict each other on every call
        int set = (dialled.hashCode() * 0x9E3779B9 >>> 19) << 1;
        Reading newer = CACHE.getPlain(set);
        if (newer != null && newer.dialled.equals(dialled) && Objects.equals(newer.region, defaultRegion)) {
            return newer.normalized;
        }
        Reading older = CACHE.getPlain(set + 1);
        if (older != null && older.dialled.equals(dialled) && Objects.equals(older.region, defaultRegion)) {
            return older.normalized;
        }
        Normalized read = read(dialled, defaultRegion);
        CACHE.setPlain(set + 1, newer);
        CACHE.setPlain(set, new Reading(dialled, defaultRegion, read));
        return read;
    }

    /** The reading itself, with libphonenumber; numbers it refuses are not cached (they are rare, and rated UNRATED). */
    private static Normalized read(String dialled, String defaultRegion) {
        if (dialled.isBlank()) {
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
        // the E.164 of a number that fits no pattern may read back as another number (+49006980767909 gives
        // +4906980767909, which reads as +496980767909); the call dialled to it carries that E.164, so the reading
        // goes on to the form that reads as itself, and a quote and the call's rating see one number
        for (int step = 0; type == PhoneNumberType.UNKNOWN && step < 3; step++) {
            PhoneNumber again = reRead(e164);
            String againE164 = again == null ? e164 : PHONES.format(again, PhoneNumberUtil.PhoneNumberFormat.E164);
            if (againE164.equals(e164)) {
                break;
            }
            number = again;
            e164 = againE164;
            type = PHONES.getNumberType(number);
        }
        // getNameForNumber would classify the number a second time (a few µs of regexes); the type is known here
        String carrier = hasRangeOwner(type) ? CARRIERS.getNameForValidNumber(number, Locale.ENGLISH) : null;
        return new Normalized(e164, type.name(), carrier == null || carrier.isEmpty() ? null : carrier);
    }

    /** The E.164 text read again, or null if it is no longer a possible number (the first reading then stands). */
    private static PhoneNumber reRead(String e164) {
        try {
            PhoneNumber again = PHONES.parse(e164, "ZZ");
            return PHONES.isPossibleNumber(again) ? again : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Range owners are published for mobile ranges only, as libphonenumber's own carrier lookup assumes. */
    private static boolean hasRangeOwner(PhoneNumberType type) {
        return type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE || type == PhoneNumberType.PAGER;
    }
}
