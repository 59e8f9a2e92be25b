package tw.queue.config;

/** An inclusive range of ticket numbers, e.g. 1001-1999. */
public record NumberRange(int first, int last) {

    public boolean contains(int n) {
        return n >= first && n <= last;
    }

    public boolean overlaps(NumberRange other) {
        return first <= other.last && other.first <= last;
    }

    public int size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
