package io.waihu.billing.domain.rating;

import java.util.Collection;

/** Longest-prefix lookup over digit strings: one pointer hop per digit, no allocation per lookup. */
public final class PrefixIndex {

    private static final class Node {
        final Node[] next = new Node[10];
        Destination destination;
    }

    private final Node root = new Node();
    private int size;

    PrefixIndex(Collection<Destination> destinations) {
        for (Destination destination : destinations) {
            Node node = root;
            for (int i = 0; i < destination.prefix().length(); i++) {
                int digit = destination.prefix().charAt(i) - '0';
                Node child = node.next[digit];
                if (child == null) {
                    child = new Node();
                    node.next[digit] = child;
                }
                node = child;
            }
            if (node.destination != null) {
                throw new IllegalArgumentException("prefix " + destination.prefix() + " is listed twice");
            }
            node.destination = destination;
            size++;
        }
    }

    /** The destination with the longest prefix of {@code digits}, the catch-all if none, or null. */
    Destination longestMatch(String digits) {
        Node node = root;
        Destination best = root.destination;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            node = node.next[digit];
            if (node == null) {
                break;
            }
            if (node.destination != null) {
                best = node.destination;
            }
        }
        return best;
    }

    int size() {
        return size;
    }
}
