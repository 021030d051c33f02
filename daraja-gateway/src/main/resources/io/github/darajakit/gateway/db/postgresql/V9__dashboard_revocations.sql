-- Dashboard sessions signed out before they expired (DELETE /dashboard/session). A session token
-- is signed, not stored; a token whose id is listed here is refused by every instance on this
-- database. A row is pruned once its token would have expired anyway.
CREATE TABLE dashboard_revocations (
  token_id TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX dashboard_revocations_expiry ON dashboard_revocations (expires_at);
