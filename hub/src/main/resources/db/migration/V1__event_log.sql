-- The event log: every fact, in order. seq is assigned by the one writer as last + 1 inside the
-- appending transaction, so it is gap-free even when a transaction fails.
CREATE TABLE event (
    seq   INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    day   TEXT    NOT NULL,
    type  TEXT    NOT NULL,
    body  TEXT    NOT NULL
);
CREATE INDEX event_day_type ON event (day, type);

-- The key that signs staff tokens, so sign-ins survive a restart.
CREATE TABLE hub_secret (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL
);
