package tw.queue.hub.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Visits grouped by a key, with the running figures the history summary needs (times in milliseconds). */
public final class VisitGroups {
    /** One group's figures. */
    public static final class Group {
        public int count;
        public int served;
        public long serviceSum;
        public int noShows;
        /** satisfied, neutral, dissatisfied */
        public final int[] ratings = new int[3];
        private long[] waits = new long[64];
        private int called;
        private boolean sorted = true;

        void visit(long waitMs, long serviceMs, int outcome, int rating) {
            count++;
            if (waitMs >= 0) {
                addWait(waitMs);
            }
            if (outcome == 1 && serviceMs >= 0) {
                served++;
                serviceSum += serviceMs;
            } else if (outcome == 2) {
                noShows++;
            }
            if (rating > 0) {
                ratings[rating - 1]++;
            }
        }

        private void addWait(long w) {
            if (called == waits.length) {
                waits = Arrays.copyOf(waits, called * 2);
            }
            waits[called++] = w;
            sorted = false;
        }

        void merge(int count, int served, long serviceSum, int noShows, int satisfied, int neutral, int dissatisfied,
                   byte[] waitBlob) {
            this.count += count;
            this.served += served;
            this.serviceSum += serviceSum;
            this.noShows += noShows;
            ratings[0] += satisfied;
            ratings[1] += neutral;
            ratings[2] += dissatisfied;
            ByteBuffer b = ByteBuffer.wrap(waitBlob);
            int n = waitBlob.length / Long.BYTES;
            if (called + n > waits.length) {
                waits = Arrays.copyOf(waits, Math.max(waits.length * 2, called + n));
            }
            for (int i = 0; i < n; i++) {
                waits[called++] = b.getLong();
            }
            sorted = false;
        }

        /** The waits of the called visits, ascending. */
        public long[] sortedWaits() {
            if (!sorted) {
                Arrays.sort(waits, 0, called);
                sorted = true;
            }
            return Arrays.copyOf(waits, called);
        }

        public int called() {
            return called;
        }

        public long waitSum() {
            long s = 0;
            for (int i = 0; i < called; i++) {
                s += waits[i];
            }
            return s;
        }

        byte[] waitBlob() {
            long[] w = sortedWaits();
            ByteBuffer b = ByteBuffer.allocate(w.length * Long.BYTES);
            for (long v : w) {
                b.putLong(v);
            }
            return b.array();
        }
    }

    private final Map<String, Group> groups = new HashMap<>();
    private String lastKey;
    private Group last;

    Group group(String key) {
        if (!key.equals(lastKey)) {
            last = groups.computeIfAbsent(key, k -> new Group());
            lastKey = key;
        }
        return last;
    }

    public Map<String, Group> groups() {
        return groups;
    }
}
