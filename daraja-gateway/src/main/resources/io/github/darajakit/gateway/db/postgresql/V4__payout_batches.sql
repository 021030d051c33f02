-- Payout batches: rows validated together, stored as queued payouts, sent only once confirmed.
CREATE TABLE payout_batches (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  total_amount BIGINT NOT NULL,
  description TEXT,
  idempotency_key TEXT,
  -- The id of the API key that created it: another key must approve it above the threshold.
  created_by TEXT,
  confirmed_at BIGINT,
  completed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX payout_batches_created ON payout_batches (created_at, id);
CREATE INDEX payout_batches_status ON payout_batches (status);
CREATE UNIQUE INDEX payout_batches_idempotency ON payout_batches (idempotency_key) WHERE idempotency_key IS NOT NULL;
ALTER TABLE payouts ADD COLUMN batch_id TEXT;
ALTER TABLE payouts ADD COLUMN batch_row INTEGER;
CREATE INDEX payouts_batch ON payouts (batch_id, status, batch_row) WHERE batch_id IS NOT NULL;
