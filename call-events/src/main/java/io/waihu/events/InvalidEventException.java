package io.waihu.events;

/**
 * An event (or a value inside one) broke its contract. {@link #field()} names the offending field
 * relative to the record that threw, so the JSON reader can prefix the path it was reading.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidEventException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
