-- Kiosks and boards paired at run time with a one-time code from the manager (the config lists the others).
CREATE TABLE paired_device (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    paired_ms  INTEGER NOT NULL
);
