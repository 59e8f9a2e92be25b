package tw.queue.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the hub is run: who may read {@code /metrics}, where and how often the database is backed up, and how long
 * citizens' own words (rating comments, booking codes) are kept. Every part is optional in the office file:
 * <pre>
 * metrics: {token: "a long random string", allow: [192.168.10.5]}   # loopback is always allowed
 * backup: {dir: /var/backups/queue, every-hours: 24, keep-days: 14}   # dir defaults to DATA/backups
 * privacy: {keep-days: 90}
 * </pre>
 */
public record OperationsConfig(Metrics metrics, Backup backup, Privacy privacy) {
    public static final OperationsConfig DEFAULT = new OperationsConfig(Metrics.LOOPBACK_ONLY, Backup.DEFAULT,
            Privacy.DEFAULT);

    public OperationsConfig {
        metrics = metrics == null ? Metrics.LOOPBACK_ONLY : metrics;
        backup = backup == null ? Backup.DEFAULT : backup;
        privacy = privacy == null ? Privacy.DEFAULT : privacy;
    }

    /**
     * @param token a bearer token that opens {@code /metrics} from anywhere (empty: none)
     * @param allow addresses (IP literals) that may read it without a token, besides loopback
     */
    public record Metrics(Optional<String> token, List<String> allow) {
        public static final Metrics LOOPBACK_ONLY = new Metrics(Optional.empty(), List.of());
        /** Shorter tokens are refused: a scrape token is a password. */
        public static final int MIN_TOKEN_LENGTH = 16;

        public Metrics {
            token = token == null ? Optional.empty() : token;
            allow = allow == null ? List.of() : List.copyOf(allow);
        }
    }

    /**
     * @param dir where backups go; empty: {@code backups} in the hub's data folder
     * @param everyHours a backup is taken when the newest one is older than this
     * @param keepDays backups older than this are deleted
     */
    public record Backup(Optional<Path> dir, int everyHours, int keepDays) {
        public static final int DEFAULT_EVERY_HOURS = 24;
        public static final int DEFAULT_KEEP_DAYS = 14;
        public static final int MAX_EVERY_HOURS = 24 * 7;
        public static final Backup DEFAULT = new Backup(Optional.empty(), DEFAULT_EVERY_HOURS, DEFAULT_KEEP_DAYS);

        public Backup {
            dir = dir == null ? Optional.empty() : dir;
            if (everyHours < 1 || keepDays < 1) {
                throw new IllegalArgumentException("backup every-hours and keep-days must be at least 1");
            }
        }
    }

    /** @param keepDays rating comments and booking codes older than this are deleted from the log */
    public record Privacy(int keepDays) {
        public static final int DEFAULT_KEEP_DAYS = 90;
        public static final Privacy DEFAULT = new Privacy(DEFAULT_KEEP_DAYS);

        public Privacy {
            if (keepDays < 1) {
                throw new IllegalArgumentException("privacy keep-days must be at least 1");
            }
        }
    }
}
