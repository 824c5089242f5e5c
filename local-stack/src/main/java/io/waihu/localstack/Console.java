package io.waihu.localstack;

import java.io.PrintStream;
import java.util.Locale;

/** The launcher's own lines, all prefixed {@code waihu:} so they stand out from anything else on the terminal. */
final class Console {

    private static final PrintStream OUT = System.out;

    private Console() {
    }

    static void say(String message) {
        synchronized (OUT) {
            OUT.println("waihu: " + message);
            OUT.flush();
        }
    }

    /** Errors go to stderr, so {@code ./waihu up > file} still shows them. */
    static void error(String message) {
        System.out.flush();
        System.err.println("waihu: " + message);
        System.err.flush();
    }

    static void rawError(String text) {
        System.out.flush();
        System.err.print(text);
        System.err.flush();
    }

    static void raw(String text) {
        synchronized (OUT) {
            OUT.print(text);
            OUT.flush();
        }
    }

    static String seconds(long startNanos) {
        return seconds((System.nanoTime() - startNanos) / 1e9);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
