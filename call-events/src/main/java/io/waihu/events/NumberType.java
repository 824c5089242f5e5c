package io.waihu.events;

/**
 * What kind of line a number is, as libphonenumber reads it ({@code PhoneNumberUtil.PhoneNumberType}, same names).
 * Read once where the number is released (campaign-service's hopper) and carried on DialRequested and CallEnded,
 * so billing rates a dialled call without reading the number again.
 */
public enum NumberType {
    FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, PREMIUM_RATE, SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER, UAN,
    VOICEMAIL, UNKNOWN
}
