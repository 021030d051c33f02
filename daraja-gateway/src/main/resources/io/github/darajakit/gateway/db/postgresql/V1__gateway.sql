-- The gateway's schema. Money is whole KES (BIGINT); times are epoch milliseconds (BIGINT), so
-- the SQLite and PostgreSQL schemas stay alike and nothing ever rounds.

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  amount BIGINT NOT NULL,
  phone TEXT NOT NULL,
  reference TEXT NOT NULL,
  description TEXT NOT NULL,
  metadata TEXT,
  short_code TEXT NOT NULL,
  checkout_request_id TEXT UNIQUE,
  merchant_request_id TEXT,
  mpesa_receipt TEXT,
  paid_amount BIGINT,
  paid_phone TEXT,
  paid_at BIGINT,
  result_code TEXT,
  result_desc TEXT,
  failure_reason TEXT,
  attention TEXT,
  next_check_at BIGINT,
  check_attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX payments_created ON payments (created_at, id);
CREATE INDEX payments_status ON payments (status, created_at, id);
CREATE INDEX payments_phone ON payments (phone, created_at, id);
CREATE INDEX payments_due ON payments (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX payments_attention ON payments (created_at) WHERE attention IS NOT NULL;

CREATE TABLE c2b_payments (
  id TEXT PRIMARY KEY,
  trans_id TEXT NOT NULL UNIQUE,
  transaction_type TEXT NOT NULL,
  short_code TEXT NOT NULL,
  amount BIGINT NOT NULL,
  bill_ref_number TEXT NOT NULL,
  invoice_number TEXT NOT NULL,
  msisdn TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  trans_time BIGINT,
  org_account_balance TEXT,
  third_party_trans_id TEXT NOT NULL,
  source TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX c2b_payments_created ON c2b_payments (created_at, id);

CREATE TABLE callbacks (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  remote_addr TEXT NOT NULL,
  body TEXT NOT NULL,
  match_key TEXT,
  outcome TEXT NOT NULL,
  detail TEXT,
  object_id TEXT
);
CREATE INDEX callbacks_match ON callbacks (match_key) WHERE match_key IS NOT NULL;
CREATE INDEX callbacks_outcome ON callbacks (outcome, received_at);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX events_created ON events (created_at, id);
CREATE INDEX events_object ON events (object_id, created_at);

CREATE TABLE webhook_endpoints (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  event_types TEXT NOT NULL,
  secret TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);

CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL REFERENCES events (id),
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id),
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,
  last_http_status INTEGER,
  last_error TEXT,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id);

CREATE TABLE webhook_attempts (
  id BIGSERIAL PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
  attempted_at BIGINT NOT NULL,
  http_status INTEGER,
  error TEXT,
  duration_ms BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, attempted_at);

CREATE TABLE idempotency_keys (
  api_key_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  response_status INTEGER,
  response_body TEXT,
  created_at BIGINT NOT NULL,
  locked_until BIGINT,
  PRIMARY KEY (api_key_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
