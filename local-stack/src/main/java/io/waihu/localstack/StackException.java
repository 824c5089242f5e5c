package io.waihu.localstack;

/** A failure the launcher reports as one line, {@code waihu: <message>}, then exits with {@link #exitCode()}. */
public final class StackException extends RuntimeException {

    /** Wrong arguments or an environment the stack cannot start in (old Java, busy port). */
    public static final int USAGE = 2;
    /** Something failed while starting or running. */
    public static final int FAILURE = 1;

    private final int exitCode;

    public StackException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public StackException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static StackException usage(String message) {
        return new StackException(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
