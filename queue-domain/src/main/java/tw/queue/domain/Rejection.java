package tw.queue.domain;

import java.util.List;

/**
 * A command the state does not allow. {@code code} names the reason (and the message in the bundles);
 * {@code args} fill the message. Changes nothing.
 */
public final class Rejection extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT }

    private final Kind kind;
    private final String code;
    private final List<Object> args;

    public Rejection(Kind kind, String code, Object... args) {
        super(code + " " + List.of(args), null, false, false);
        this.kind = kind;
        this.code = code;
        this.args = List.of(args);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Object> args() {
        return args;
    }
}
