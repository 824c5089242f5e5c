package io.waihu.billing.domain.rating;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Longest-prefix lookup over digit strings: a digit trie kept in flat arrays (ten child slots per node), walked
 * over the characters of the number in place. No substring, no allocation per lookup. Each node that ends a prefix
 * also points at its destination's block in the version's {@link RateTable}, so the rating loop goes from the
 * number to the figures of its rate without visiting the destination's objects.
 */
public final class PrefixIndex {

    /** {@code children[node * 10 + digit]}: the child node, or 0 for none (the root, node 0, is nobody's child). */
    private final int[] children;
    /** The destination whose prefix ends at a node, or null. */
    private final Destination[] destinations;
    /** The block of the destination ending at a node in {@link #rates}, or -1 where no prefix ends. */
    private final int[] blocks;
    private final RateTable rates;
    private final int size;

    PrefixIndex(Collection<Destination> destinations) {
        int[] next = new int[10 * 1024];
        Destination[] at = new Destination[1024];
        int nodes = 1;
        int count = 0;
        List<Destination> list = List.copyOf(destinations);
        int[] ends = new int[list.size()];
        for (Destination destination : list) {
            String prefix = destination.prefix();
            int node = 0;
            for (int i = 0; i < prefix.length(); i++) {
                int slot = node * 10 + (prefix.charAt(i) - '0');
                int child = next[slot];
                if (child == 0) {
                    if (nodes == at.length) {
                        at = Arrays.copyOf(at, nodes * 2);
                        next = Arrays.copyOf(next, nodes * 20);
                    }
                    child = nodes++;
                    next[slot] = child;
                }
                node = child;
            }
            if (at[node] != null) {
                throw new IllegalArgumentException("prefix " + prefix + " is listed twice");
            }
            at[node] = destination;
            ends[count++] = node;
        }
        this.children = Arrays.copyOf(next, nodes * 10);
        this.destinations = Arrays.copyOf(at, nodes);
        this.size = count;
        int[] destinationBlocks = new int[list.size()];
        this.rates = RateTable.of(list, destinationBlocks);
        this.blocks = new int[nodes];
        Arrays.fill(blocks, -1);
        for (int i = 0; i < list.size(); i++) {
            blocks[ends[i]] = destinationBlocks[i];
        }
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
        int node = 0;
        Destination best = destinations[0];
        for (int i = from; i < number.length(); i++) {
            int digit = number.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            node = children[node * 10 + digit];
            if (node == 0) {
                break;
            }
            Destination here = destinations[node];
            if (here != null) {
                best = here;
            }
        }
        return best;
    }

    /**
     * As {@link #longestMatch(CharSequence, int)}, but the node of the destination found (-1 for none), for
     * {@link #block(int)} and {@link #destination(int)}.
     */
    int longestMatchNode(CharSequence number, int from) {
        int node = 0;
        int[] ends = blocks;
        int best = ends[0] >= 0 ? 0 : -1;
        int[] next = children;
        for (int i = from; i < number.length(); i++) {
            int digit = number.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            node = next[node * 10 + digit];
            if (node == 0) {
                break;
            }
            if (ends[node] >= 0) {
                best = node;
            }
        }
        return best;
    }

    Destination destination(int node) {
        return destinations[node];
    }

    /** The rate block of the destination at a node from {@link #longestMatchNode}. */
    int block(int node) {
        return blocks[node];
    }

    RateTable rates() {
        return rates;
    }

    int size() {
        return size;
    }
}
