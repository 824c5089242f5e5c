package io.waihu.billing.domain.rating;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Longest-prefix lookup over digit strings, read in place from the number (no substring, no allocation per lookup).
 * A lookup ends at the destination's index, which is where its rates are in the version's {@link RateTable}, so the
 * rating loop goes from the number to the figures of its rate without visiting the destination's objects.
 *
 * <p>With tens of thousands of prefixes and every call to a new number, a lookup's cost is its memory reads, and a
 * trie's reads each wait for the one before (a 9-digit prefix: five rows past the first digits, most of them not in
 * the CPU caches). Here no read waits for another: the first {@link #HEAD_DIGITS} digits (the head) are one read in a
 * direct table, which gives the longest prefix of at most that many digits and which longer prefix lengths exist under
 * that head; each of those lengths is one probe of a hash table keyed by (length, digits), and the probes' addresses
 * come from the number alone, so the CPU runs them side by side. A head under which no longer prefix exists (most
 * national area codes) costs no probe at all.
 */
public final class PrefixIndex {

    /** Digits resolved by the direct table: 10^4 entries, 80 KB, small enough to stay in the CPU caches. */
    static final int HEAD_DIGITS = 4;
    private static final int HEADS = 10_000;
    /** A prefix has at most 15 digits (E.164). */
    static final int MAX_DIGITS = 15;

    /**
     * Per head (its value, leading zeros included): {@code (lengths << 32) | destination}, with destination the
     * longest prefix of at most {@link #HEAD_DIGITS} digits of the head (-1: none), and bit L of lengths set when some
     * prefix of L > {@link #HEAD_DIGITS} digits starts with the head.
     */
    private final long[] heads;
    /**
     * For a number of fewer than {@link #HEAD_DIGITS} digits: at {@code SHORT_BASE[k] + value} for its k digits, the
     * destination of the longest prefix of them, or -1.
     */
    private final int[] shortNumbers;
    private static final int[] SHORT_BASE = {0, 1, 11, 111};
    /**
     * Open addressing, linear probing, in pairs: {@code probes[2s]} = key ({@code digits value × 16 + length}, never
     * 0: lengths are above {@link #HEAD_DIGITS}), {@code probes[2s + 1]} = destination; key 0 is an empty slot. Key
     * and value share a cache line. At most half full.
     */
    private final long[] probes;
    private final int slotMask;
    /** 64 - log2(slots): a key's slot is the top bits of its hash. */
    private final int slotShift;
    private final RateTable rates;
    private final int size;

    PrefixIndex(Collection<Destination> destinations) {
        List<Destination> list = List.copyOf(destinations);
        this.rates = RateTable.of(list);
        this.size = list.size();
        this.heads = new long[HEADS];
        Arrays.fill(heads, 0xFFFF_FFFFL); // no lengths, destination -1
        this.shortNumbers = new int[SHORT_BASE[HEAD_DIGITS - 1] + 1000];
        Arrays.fill(shortNumbers, -1);
        int longer = 0;
        for (Destination destination : list) {
            if (destination.prefix().length() > HEAD_DIGITS) {
                longer++;
            }
        }
        int slots = Integer.highestOneBit(Math.max(2, longer) * 2) * 2; // a power of two, between 2× and 4× the keys
        this.probes = new long[slots * 2];
        this.slotMask = slots - 1;
        this.slotShift = 64 - Integer.numberOfTrailingZeros(slots);
        // the shorter prefixes first, so that a longer one, set later, wins the head and short-number entries
        Integer[] order = new Integer[list.size()];
        for (int d = 0; d < order.length; d++) {
            order[d] = d;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(list.get(a).prefix().length(), list.get(b).prefix().length()));
        Set<String> listed = new HashSet<>();
        for (Destination destination : list) {
            if (!listed.add(destination.prefix())) {
                throw new IllegalArgumentException("prefix " + destination.prefix() + " is listed twice");
            }
        }
        for (int d : order) {
            String prefix = list.get(d).prefix();
            int length = prefix.length();
            if (length > HEAD_DIGITS) {
                insert(key(Long.parseLong(prefix), length), d, prefix);
                int head = Integer.parseInt(prefix.substring(0, HEAD_DIGITS));
                heads[head] |= 1L << (32 + length);
                continue;
            }
            // every head and every shorter number that starts with this prefix: it is their longest so far
            int value = length == 0 ? 0 : Integer.parseInt(prefix);
            int span = pow10(HEAD_DIGITS - length);
            for (int head = value * span; head < (value + 1) * span; head++) {
                heads[head] = (heads[head] & ~0xFFFF_FFFFL) | d;
            }
            for (int k = length; k < HEAD_DIGITS; k++) {
                int kSpan = pow10(k - length);
                for (int v = value * kSpan; v < (value + 1) * kSpan; v++) {
                    shortNumbers[SHORT_BASE[k] + v] = d;
                }
            }
        }
    }

    private void insert(long key, int destination, String prefix) {
        int slot = slot(key);
        while (probes[2 * slot] != 0) {
            if (probes[2 * slot] == key) {
                throw new IllegalArgumentException("prefix " + prefix + " is listed twice");
            }
            slot = (slot + 1) & slotMask;
        }
        probes[2 * slot] = key;
        probes[2 * slot + 1] = destination;
    }

    private static long key(long digits, int length) {
        return digits * 16 + length;
    }

    private int slot(long key) {
        return (int) ((key * 0x9E37_79B9_7F4A_7C15L) >>> slotShift); // Fibonacci hashing
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** The destination with the longest prefix of {@code digits}, the catch-all if none, or null. */
    Destination longestMatch(String digits) {
        return longestMatch(digits, 0);
    }

    /**
     * As {@link #longestMatch(String)} for the digits of {@code number} from index {@code from} on (1 for an E.164
     * string, to skip its '+'); the digits end at the first character that is not a digit.
     */
    Destination longestMatch(CharSequence number, int from) {
        int destination = longestMatchDestination(number, from);
        return destination < 0 ? null : rates.destination(destination);
    }

    /**
     * As {@link #longestMatch(CharSequence, int)}: the destination's index (its place in {@link #rates()}), or -1 for
     * none.
     */
    int longestMatchDestination(CharSequence number, int from) {
        int end = Math.min(number.length(), from + MAX_DIGITS); // a prefix has at most 15 digits: the rest cannot matter
        int value = 0;
        int i = from;
        for (; i < end && i < from + HEAD_DIGITS; i++) {
            int digit = number.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        if (i - from < HEAD_DIGITS) {
            return shortNumbers[SHORT_BASE[i - from] + value];
        }
        long head = heads[value];
        int found = (int) head;
        long lengths = head >>> 32;
        long digits = value;
        // every longer length present under the head is probed; no probe depends on another's answer
        for (int length = HEAD_DIGITS + 1; lengths >>> length != 0 && i < end; length++, i++) {
            int digit = number.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            digits = digits * 10 + digit;
            if ((lengths & (1L << length)) != 0) {
                long key = key(digits, length);
                long[] table = probes;
                int slot = slot(key);
                long at;
                while ((at = table[2 * slot]) != key && at != 0) {
                    slot = (slot + 1) & slotMask;
                }
                if (at == key) {
                    found = (int) table[2 * slot + 1]; // the longest so far: lengths go up
                }
            }
        }
        return found;
    }

    RateTable rates() {
        return rates;
    }

    int size() {
        return size;
    }
}
