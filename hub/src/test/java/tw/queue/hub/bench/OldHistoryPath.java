package tw.queue.hub.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tw.queue.hub.stats.HistoryDimension;
import tw.queue.hub.stats.Percentile;

/**
 * The history's path before the V5 rollups, kept here as the benchmark's baseline so both are timed in the same
 * run on the same machine load: a summary merged each day's groups of waits (8-byte values) and sorted them all
 * again; the monthly evaluation read every visit of its month. Its daily rollups live in a table of the
 * benchmark's own ({@code bench_v4_rollup}, the V4 layout), made once from the visit rows.
 */
final class OldHistoryPath implements AutoCloseable {
    private final Connection connection;

    OldHistoryPath(Path dataDir) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("queue.db") + "?busy_timeout=5000");
        connection.setAutoCommit(false);
        prepare();
    }

    private static String key(HistoryDimension by) {
        return switch (by) {
            case SERVICE -> "service";
            case COUNTER -> "counter";
            case CLERK -> "clerk";
            case HOUR -> "hour";
            case WEEKDAY_HOUR -> "weekday * 100 + hour";
        };
    }

    private static String name(HistoryDimension by, String raw) {
        return switch (by) {
            case HOUR -> String.format("%02d", Integer.parseInt(raw));
            case WEEKDAY_HOUR -> String.format("%d-%02d", Integer.parseInt(raw) / 100, Integer.parseInt(raw) % 100);
            default -> raw;
        };
    }

    /** The V4 rollups of every day, as V4 made them when a day closed (skipped when already made). */
    private void prepare() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS bench_v4_rollup (day TEXT NOT NULL, dim TEXT NOT NULL, "
                    + "key TEXT NOT NULL, count INTEGER NOT NULL, served INTEGER NOT NULL, service_sum INTEGER NOT NULL, "
                    + "no_shows INTEGER NOT NULL, satisfied INTEGER NOT NULL, neutral INTEGER NOT NULL, "
                    + "dissatisfied INTEGER NOT NULL, waits BLOB NOT NULL, PRIMARY KEY (dim, day, key)) WITHOUT ROWID");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM bench_v4_rollup LIMIT 1")) {
                if (rs.next()) {
                    connection.commit();
                    return;
                }
            }
        }
        long t0 = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_v4_rollup VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (HistoryDimension dim : HistoryDimension.values()) {
                String sql = "SELECT day, " + key(dim) + " AS k, wait_ms, service_ms, (outcome = 'served') + 2 * (outcome = 'no-show'), "
                        + "CASE rating WHEN 'satisfied' THEN 1 WHEN 'neutral' THEN 2 WHEN 'dissatisfied' THEN 3 ELSE 0 END "
                        + "FROM visit WHERE k IS NOT NULL ORDER BY day";
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                    String day = null;
                    Map<String, Group> groups = new HashMap<>();
                    while (rs.next()) {
                        if (!rs.getString(1).equals(day)) {
                            flush(insert, day, dim, groups);
                            day = rs.getString(1);
                            groups = new HashMap<>();
                        }
                        long wait = rs.getLong(3);
                        wait = rs.wasNull() ? -1 : wait;
                        long service = rs.getLong(4);
                        service = rs.wasNull() ? -1 : service;
                        groups.computeIfAbsent(name(dim, rs.getString(2)), k -> new Group()).visit(wait, service, rs.getInt(5), rs.getInt(6));
                    }
                    flush(insert, day, dim, groups);
                }
            }
        }
        connection.commit();
        System.out.printf("(the baseline's V4 rollups made in %.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void flush(PreparedStatement insert, String day, HistoryDimension dim, Map<String, Group> groups)
            throws SQLException {
        if (day == null) {
            return;
        }
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group g = e.getValue();
            long[] w = g.sortedWaits();
            ByteBuffer b = ByteBuffer.allocate(w.length * Long.BYTES);
            for (long v : w) {
                b.putLong(v);
            }
            Object[] values = {day, dim.wire(), e.getKey(), g.count, g.served, g.serviceSum, g.noShows, g.ratings[0],
                    g.ratings[1], g.ratings[2], b.array()};
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }

    /** V4's group: running figures, every wait appended and sorted on reading. */
    private static final class Group {
        int count;
        int served;
        long serviceSum;
        int noShows;
        final int[] ratings = new int[3];
        long[] waits = new long[64];
        int called;

        void visit(long waitMs, long serviceMs, int outcome, int rating) {
            count++;
            if (waitMs >= 0) {
                add(waitMs);
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

        void add(long w) {
            if (called == waits.length) {
                waits = Arrays.copyOf(waits, called * 2);
            }
            waits[called++] = w;
        }

        long[] sortedWaits() {
            long[] out = Arrays.copyOf(waits, called);
            Arrays.sort(out);
            return out;
        }
    }

    /** V4's summary: the range's daily groups merged, every wait sorted again; the figures the API answered. */
    List<Object[]> summary(LocalDate from, LocalDate to, HistoryDimension by, long targetMs) throws SQLException {
        Map<String, Group> groups = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT key, count, served, service_sum, no_shows, "
                + "satisfied, neutral, dissatisfied, waits FROM bench_v4_rollup WHERE dim = ? AND day BETWEEN ? AND ?")) {
            ps.setString(1, by.wire());
            ps.setString(2, from.toString());
            ps.setString(3, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Group g = groups.computeIfAbsent(rs.getString(1), k -> new Group());
                    g.count += rs.getInt(2);
                    g.served += rs.getInt(3);
                    g.serviceSum += rs.getLong(4);
                    g.noShows += rs.getInt(5);
                    g.ratings[0] += rs.getInt(6);
                    g.ratings[1] += rs.getInt(7);
                    g.ratings[2] += rs.getInt(8);
                    ByteBuffer b = ByteBuffer.wrap(rs.getBytes(9));
                    while (b.hasRemaining()) {
                        g.add(b.getLong());
                    }
                }
            }
        }
        Map<String, Integer> transfers = new HashMap<>();
        String key = by == HistoryDimension.SERVICE ? "from_service" : key(by);
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + key + " AS k, COUNT(*) FROM visit_transfer "
                + "WHERE day BETWEEN ? AND ? AND k IS NOT NULL GROUP BY k")) {
            ps.setString(1, from.toString());
            ps.setString(2, to.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    transfers.put(name(by, rs.getString(1)), rs.getInt(2));
                }
            }
        }
        connection.rollback();
        List<Object[]> rows = new ArrayList<>();
        new TreeMap<>(groups).forEach((k, g) -> {
            long[] sorted = g.sortedWaits();
            double[] w = Arrays.stream(sorted).mapToDouble(v -> v / 1000.0).toArray();
            int within = (int) Arrays.stream(sorted).filter(v -> v <= targetMs).count();
            rows.add(new Object[] {k, g.count, w.length == 0 ? null : Arrays.stream(w).sum() / w.length,
                    w.length == 0 ? null : Percentile.of(w, 0.5), w.length == 0 ? null : Percentile.of(w, 0.9),
                    w.length == 0 ? null : w[w.length - 1], w.length == 0 ? null : within / (double) w.length,
                    g.served == 0 ? null : g.serviceSum / 1000.0 / g.served, g.noShows, transfers.getOrDefault(k, 0)});
        });
        return rows;
    }

    /** V4's monthly evaluation: every visit of the month that reached a counter, grouped per counter and clerk. */
    List<Object[]> monthly(LocalDate first, LocalDate last, long targetMs) throws SQLException {
        record Visit(int counter, String clerk, Long waitMs, Long serviceMs, String outcome, String rating) {
        }
        List<Visit> visits = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT day, service, counter, clerk, wait_ms, "
                + "service_ms, outcome, rating FROM visit WHERE day BETWEEN ? AND ? AND counter IS NOT NULL")) {
            ps.setString(1, first.toString());
            ps.setString(2, last.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                    rs.getString(2);
                    long w = rs.getLong(5);
                    Long wait = rs.wasNull() ? null : w;
                    long s = rs.getLong(6);
                    Long service = rs.wasNull() ? null : s;
                    visits.add(new Visit(rs.getInt(3), rs.getString(4), wait, service, rs.getString(7), rs.getString(8)));
                }
            }
        }
        connection.rollback();
        List<Object[]> lines = new ArrayList<>();
        for (boolean byCounter : new boolean[] {true, false}) {
            Map<String, List<Visit>> groups = new TreeMap<>();
            for (Visit v : visits) {
                String k = byCounter ? String.valueOf(v.counter()) : v.clerk();
                if (k != null) {
                    groups.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            }
            groups.forEach((k, vs) -> {
                int suspicious = 0;
                int served = 0;
                int noShows = 0;
                double serviceSum = 0;
                double[] waits = new double[vs.size()];
                int n = 0;
                int within = 0;
                int satisfied = 0;
                for (Visit v : vs) {
                    noShows += "no-show".equals(v.outcome()) ? 1 : 0;
                    if ("served".equals(v.outcome()) && v.serviceMs() != null && v.serviceMs() < 30_000) {
                        suspicious++;
                        continue;
                    }
                    if ("served".equals(v.outcome()) && v.serviceMs() != null) {
                        served++;
                        serviceSum += v.serviceMs() / 1000.0;
                    }
                    if (v.waitMs() != null) {
                        waits[n++] = v.waitMs() / 1000.0;
                        within += v.waitMs() <= targetMs ? 1 : 0;
                    }
                    satisfied += "satisfied".equals(v.rating()) ? 1 : 0;
                }
                double[] sorted = Arrays.copyOf(waits, n);
                Arrays.sort(sorted);
                lines.add(new Object[] {k, vs.size(), served, suspicious, noShows, served == 0 ? null : serviceSum / served,
                        n == 0 ? null : Arrays.stream(sorted).average().orElseThrow(),
                        n == 0 ? null : Percentile.of(sorted, 0.9), n == 0 ? null : within / (double) n, satisfied});
            });
        }
        return lines;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
