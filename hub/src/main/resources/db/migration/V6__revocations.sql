-- Sessions ended before their time: POST /api/logout, DELETE /api/sessions/{username}, DELETE /api/devices/{id}.
-- Read at start, so a revocation survives a restart.
CREATE TABLE revoked_token (
    token_id   TEXT PRIMARY KEY,     -- a staff token's id (its JWT jti), signed out
    expires_ms INTEGER NOT NULL      -- when it lapses anyway; the row can go then
);
CREATE TABLE staff_session_cut (
    username   TEXT PRIMARY KEY,
    generation INTEGER NOT NULL      -- raised at each cut; this member's tokens of an older generation are refused
);
CREATE TABLE revoked_device (
    token_hash TEXT PRIMARY KEY,     -- SHA-256 of the device's token (configured or paired)
    device_id  TEXT NOT NULL,
    revoked_ms INTEGER NOT NULL
);
