package tw.queue.domain;

/** Jackson views: what the public event stream may carry, and what only the log keeps. */
public final class Views {
    private Views() {
    }

    public static class Public {
    }

    public static class Internal extends Public {
    }
}
