package io.waihu.events.wire;

/**
 * A message could not be read as the event it claims to be. The message names the event type and the
 * field path (e.g. {@code breakdown.segments[0].rate.amount}); consumers hand it to the dead-letter
 * queue as the reason.
 */
public class EventFormatException extends RuntimeException {

    private final String eventType;
    private final String fieldPath;

    public EventFormatException(String eventType, String fieldPath, String problem, Throwable cause) {
        super(message(eventType, fieldPath, problem), cause);
        this.eventType = eventType;
        this.fieldPath = fieldPath;
    }

    private static String message(String eventType, String fieldPath, String problem) {
        String where = fieldPath.isEmpty() ? "" : " field '" + fieldPath + "':";
        return "invalid " + eventType + " event:" + where + " " + problem;
    }

    /** The event type read (from the message's "type", else the requested class). */
    public String eventType() {
        return eventType;
    }

    /** Dotted path to the offending field, {@code ""} when the document as a whole is bad. */
    public String fieldPath() {
        return fieldPath;
    }
}
