-- Every body Daraja posted to the callback endpoint, stored before it was answered.
-- id is the body's SHA-256 (hex), so a body delivered twice is one row.
CREATE TABLE IF NOT EXISTS daraja_callback (
  id          VARCHAR(64) NOT NULL PRIMARY KEY,
  received_at TIMESTAMP   NOT NULL,
  body        TEXT        NOT NULL
)
