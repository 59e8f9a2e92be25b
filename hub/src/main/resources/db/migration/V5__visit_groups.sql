-- The rollups of V4 give way to these (they kept each group's waits only, as 8-byte values, and the monthly
-- evaluation still read every visit of its month). Filled again from the visit table at the first start.
DROP TABLE visit_rollup;
DROP TABLE visit_rollup_day;

-- Each closed office day's visits, grouped for every view (dim: service, counter, clerk, hour, weekday-hour)
-- and split into the visits counted and the suspicious ones (suspect = 1: served in under 30 s, which the
-- monthly evaluation counts apart). waits: the group's waits of its called visits, services: the service
-- times of its served visits; both in milliseconds, ascending, as 4-byte big-endian integers, so percentiles,
-- maxima and shares within a target stay exact over any range of days.
CREATE TABLE visit_day_group (
    dim          TEXT    NOT NULL,
    day          TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    suspect      INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    wait_sum     INTEGER NOT NULL,
    service_sum  INTEGER NOT NULL,
    no_shows     INTEGER NOT NULL,
    satisfied    INTEGER NOT NULL,
    neutral      INTEGER NOT NULL,
    dissatisfied INTEGER NOT NULL,
    waits        BLOB    NOT NULL,
    services     BLOB    NOT NULL,
    PRIMARY KEY (dim, day, key, suspect)
) WITHOUT ROWID;

-- The same per month (YYYY-MM): the merge of the month's rolled-up days, so a range of a year reads a dozen
-- months and the days at its ends.
CREATE TABLE visit_month_group (
    dim          TEXT    NOT NULL,
    month        TEXT    NOT NULL,
    key          TEXT    NOT NULL,
    suspect      INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    wait_sum     INTEGER NOT NULL,
    service_sum  INTEGER NOT NULL,
    no_shows     INTEGER NOT NULL,
    satisfied    INTEGER NOT NULL,
    neutral      INTEGER NOT NULL,
    dissatisfied INTEGER NOT NULL,
    waits        BLOB    NOT NULL,
    services     BLOB    NOT NULL,
    PRIMARY KEY (dim, month, key, suspect)
) WITHOUT ROWID;

-- A day is here once its groups are complete; a later change to one of its visits (a late rating) removes
-- the day (and its month) with their groups, and the day is grouped again when the next day closes or at
-- start. A month is here once its groups are the merge of exactly its days listed in visit_rolled_day.
CREATE TABLE visit_rolled_day (
    day TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE visit_rolled_month (
    month TEXT PRIMARY KEY
) WITHOUT ROWID;
