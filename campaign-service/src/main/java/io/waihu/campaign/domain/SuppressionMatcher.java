package io.waihu.campaign.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Do-not-call entries in force for one campaign (tenant-wide ones included), as the hopper checks a number. */
public final class SuppressionMatcher {

    /** One live entry. @param expiresAt null = never */
    public record Entry(String digits, boolean prefixMatch, Instant expiresAt) {
    }

    private final List<Entry> entries;

    public SuppressionMatcher(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static SuppressionMatcher none() {
        return new SuppressionMatcher(List.of());
    }

    /**
     * @param e164 number with '+'
     * @return until when the number is blocked at instant t: empty when it is not, Instant.MAX for an entry that
     * never expires
     */
    public Optional<Instant> blockedUntil(String e164, Instant t) {
        String digits = digits(e164);
        Instant until = null;
        for (Entry e : entries) {
            if (e.expiresAt() != null && !e.expiresAt().isAfter(t)) {
                continue;
            }
            boolean hit = e.prefixMatch() ? digits.startsWith(e.digits()) : digits.equals(e.digits());
            if (hit) {
                Instant end = e.expiresAt() == null ? Instant.MAX : e.expiresAt();
                until = until == null || end.isAfter(until) ? end : until;
            }
        }
        return Optional.ofNullable(until);
    }

    public static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** Every leading part of the number's digits: the values an exact or prefix entry could hold. */
    public static List<String> prefixes(String e164) {
        String d = digits(e164);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(d.length());
        for (int i = 1; i <= d.length(); i++) {
            out.add(d.substring(0, i));
        }
        return out;
    }
}
