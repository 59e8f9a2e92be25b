-- Each closed office day's visits, already grouped for every view of the history summary (by service,
-- counter, clerk, hour, weekday-hour), so a range of a year reads a few thousand rows instead of every visit.
-- waits: the group's waits (ms, ascending) as 8-byte big-endian integers, for exact percentiles over days.
-- A day is in visit_rollup_day once its rows are complete; a later change to one of its visits (a late
-- rating) removes both, and the day is grouped again when the next day closes or at start.
CREATE TABLE visit_rollup (
    day         TEXT    NOT NULL,
    dim         TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    count       INTEGER NOT NULL,
    served      INTEGER NOT NULL,
    service_sum INTEGER NOT NULL,
    no_shows    INTEGER NOT NULL,
    satisfied   INTEGER NOT NULL,
    neutral     INTEGER NOT NULL,
    dissatisfied INTEGER NOT NULL,
    waits       BLOB    NOT NULL,
    PRIMARY KEY (dim, day, key)
) WITHOUT ROWID;

CREATE TABLE visit_rollup_day (
    day TEXT PRIMARY KEY
) WITHOUT ROWID;
