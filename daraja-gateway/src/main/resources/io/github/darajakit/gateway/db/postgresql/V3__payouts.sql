-- Payouts (B2C v3). The row, with the OriginatorConversationID we send, is committed before the
-- B2C call, so a crash after sending leaves something to reconcile instead of something to resend.
CREATE TABLE payouts (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  amount BIGINT NOT NULL,
  phone TEXT NOT NULL,
  payout_type TEXT NOT NULL,
  remarks TEXT NOT NULL,
  occasion TEXT,
  metadata TEXT,
  short_code TEXT NOT NULL,
  originator_conversation_id TEXT NOT NULL UNIQUE,
  conversation_id TEXT,
  mpesa_receipt TEXT,
  recipient_name TEXT,
  completed_at BIGINT,
  result_code TEXT,
  result_desc TEXT,
  failure_reason TEXT,
  attention TEXT,
  next_check_at BIGINT,
  check_attempts INTEGER NOT NULL DEFAULT 0,
  -- The id of the reconciler's last Transaction Status query, to match its Result.
  status_query_id TEXT,
  lease_owner TEXT,
  lease_until BIGINT,
  idempotency_key TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX payouts_created ON payouts (created_at, id);
CREATE INDEX payouts_status ON payouts (status, created_at, id);
CREATE INDEX payouts_phone ON payouts (phone, created_at, id);
CREATE INDEX payouts_conversation ON payouts (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX payouts_status_query ON payouts (status_query_id) WHERE status_query_id IS NOT NULL;
CREATE INDEX payouts_due ON payouts (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE UNIQUE INDEX payouts_idempotency ON payouts (idempotency_key) WHERE idempotency_key IS NOT NULL;
