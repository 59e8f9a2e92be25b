-- One row per visit (ticket), kept up to date by the event log as it appends, so that history queries over
-- years read this table instead of folding the events again. Clustered by office day: a date range is one
-- contiguous range of the table. Times in milliseconds; waits from issue to first call, service from the
-- last call to finish. hour and weekday (1 = Monday) are the local time of issue in the office's zone.
CREATE TABLE visit (
    day             TEXT    NOT NULL,
    ticket_id       TEXT    NOT NULL,
    service         TEXT    NOT NULL,
    hour            INTEGER NOT NULL,
    weekday         INTEGER NOT NULL,
    issued_ms       INTEGER NOT NULL,
    first_called_ms INTEGER,
    last_called_ms  INTEGER,
    ended_ms        INTEGER,
    wait_ms         INTEGER,
    service_ms      INTEGER,
    outcome         TEXT,
    counter         INTEGER,
    clerk           TEXT,
    rating          TEXT,
    PRIMARY KEY (day, ticket_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX visit_ticket ON visit (ticket_id);

-- Each transfer, filed under the counter and clerk who made it and the service it left.
CREATE TABLE visit_transfer (
    day          TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    ticket_id    TEXT    NOT NULL,
    from_service TEXT    NOT NULL,
    counter      INTEGER NOT NULL,
    clerk        TEXT,
    hour         INTEGER NOT NULL,
    weekday      INTEGER NOT NULL,
    PRIMARY KEY (day, seq)
) WITHOUT ROWID;

-- How far the tables above have folded the event log; at start the store folds what is missing (an older
-- database's history is back-filled on its first start with this migration).
CREATE TABLE visit_progress (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq INTEGER NOT NULL
);
INSERT INTO visit_progress (id, last_seq) VALUES (1, 0);
