package io.waihu.billing.domain.rating;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Longest-prefix lookup over digit strings: a digit trie kept in flat arrays (ten child slots per node), walked
 * over the characters of the number in place. No substring, no allocation per lookup. A lookup ends at the
 * destination's block in the version's {@link RateTable}, so the rating loop goes from the number to the figures of
 * its rate without visiting the destination's objects.
 */
public final class PrefixIndex {

    /**
     * {@code children[node * 10 + digit]}: 0 for no child; else, for a child with children of its own,
     * {@link #INNER} | its node (tagged {@link #ENDS} when a prefix ends there too); for a leaf, which always ends a
     * prefix, {@link #ENDS} | its destination's block. The walk learns all it needs from the parent's row and never
     * reads a leaf's row nor a table of blocks: with tens of thousands of prefixes the deep rows are not in the CPU
     * caches, and every row not read is a cache miss saved.
     */
    private final int[] children;
    private static final int ENDS = 1 << 31;
    private static final int INNER = 1 << 30;
    private static final int VALUE = INNER - 1;
    /** The block of the destination ending at an inner node, or -1 (leaves: see {@link #children}). */
    private final int[] blocks;
    private final RateTable rates;
    private final int size;

    PrefixIndex(Collection<Destination> destinations) {
        int[] next = new int[10 * 1024];
        int capacity = 1024;
        int nodes = 1;
        List<Destination> list = List.copyOf(destinations);
        int[] ends = new int[list.size()];
        for (int d = 0; d < list.size(); d++) {
            String prefix = list.get(d).prefix();
            int node = 0;
            for (int i = 0; i < prefix.length(); i++) {
                int slot = node * 10 + (prefix.charAt(i) - '0');
                int child = next[slot];
                if (child == 0) {
                    if (nodes == capacity) {
                        capacity *= 2;
                        next = Arrays.copyOf(next, capacity * 10);
                    }
                    child = nodes++;
                    next[slot] = child;
                }
                node = child;
            }
            ends[d] = node;
        }
        int[] destinationBlocks = new int[list.size()];
        this.rates = RateTable.of(list, destinationBlocks);
        this.blocks = new int[nodes];
        Arrays.fill(blocks, -1);
        for (int d = 0; d < list.size(); d++) {
            if (blocks[ends[d]] >= 0) {
                throw new IllegalArgumentException("prefix " + list.get(d).prefix() + " is listed twice");
            }
            blocks[ends[d]] = destinationBlocks[d];
        }
        if (rates.data.length > VALUE) {
            throw new IllegalArgumentException("a tariff version of " + list.size() + " destinations is too large to index");
        }
        int[] tagged = Arrays.copyOf(next, nodes * 10);
        boolean[] inner = new boolean[nodes];
        for (int slot = 0; slot < tagged.length; slot++) {
            if (tagged[slot] != 0) {
                inner[slot / 10] = true;
            }
        }
        for (int slot = 0; slot < tagged.length; slot++) {
            int child = tagged[slot];
            if (child != 0) {
                tagged[slot] = inner[child] ? INNER | child | (blocks[child] >= 0 ? ENDS : 0) : ENDS | blocks[child];
            }
        }
        this.children = tagged;
        this.size = list.size();
    }

    /** The destination with the longest prefix of {@code digits}, the catch-all if none, or null. */
    Destination longestMatch(String digits) {
        return longestMatch(digits, 0);
    }

    /**
     * As {@link #longestMatch(String)} for the digits of {@code number} from index {@code from} on (1 for an E.164
     * string, to skip its '+'); the walk stops at the first character that is not a digit.
     */
    Destination longestMatch(CharSequence number, int from) {
        int block = longestMatchBlock(number, from);
        return block < 0 ? null : rates.destination(block);
    }

    /** As {@link #longestMatch(CharSequence, int)}: the block in {@link #rates()} of the destination, or -1 for none. */
    int longestMatchBlock(CharSequence number, int from) {
        int node = 0;
        int best = 0; // the deepest inner node where a prefix ends; the root's block is the catch-all's, or -1
        int[] next = children;
        for (int i = from; i < number.length(); i++) {
            int digit = number.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            int entry = next[node * 10 + digit];
            if (entry == 0) {
                break;
            }
            if ((entry & INNER) == 0) {
                return entry & VALUE; // a leaf: its block
            }
            node = entry & VALUE;
            if (entry < 0) {
                best = node;
            }
        }
        return blocks[best];
    }

    RateTable rates() {
        return rates;
    }

    int size() {
        return size;
    }
}
