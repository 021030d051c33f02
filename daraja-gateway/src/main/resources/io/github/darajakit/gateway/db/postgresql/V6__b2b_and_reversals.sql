-- B2B payments share the payouts table (and with it the exactly-once rules, the reconciler and
-- the daily limit): kind tells them apart. For a B2B payment, phone holds the receiving shortcode
-- or till, and Daraja assigns the OriginatorConversationID: the one stored before sending is ours,
-- replaced by Daraja's when it acknowledges.
ALTER TABLE payouts ADD COLUMN kind TEXT NOT NULL DEFAULT 'b2c';
ALTER TABLE payouts ADD COLUMN account_reference TEXT;
ALTER TABLE payouts ADD COLUMN requester TEXT;
-- How many times a payout proven unpaid (failed) was sent again, each under a new
-- OriginatorConversationID.
ALTER TABLE payouts ADD COLUMN resubmissions INTEGER NOT NULL DEFAULT 0;
CREATE INDEX payouts_kind ON payouts (kind, created_at, id);

-- Reversals of collected money: an STK payment or a C2B payment, by its M-Pesa receipt.
CREATE TABLE reversals (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  original_receipt TEXT NOT NULL,
  original_object TEXT NOT NULL,
  original_id TEXT NOT NULL,
  amount BIGINT NOT NULL,
  short_code TEXT NOT NULL,
  remarks TEXT NOT NULL,
  metadata TEXT,
  originator_conversation_id TEXT,
  conversation_id TEXT,
  reversal_receipt TEXT,
  completed_at BIGINT,
  result_code TEXT,
  result_desc TEXT,
  failure_reason TEXT,
  attention TEXT,
  next_check_at BIGINT,
  check_attempts INTEGER NOT NULL DEFAULT 0,
  status_query_id TEXT,
  lease_owner TEXT,
  lease_until BIGINT,
  idempotency_key TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX reversals_created ON reversals (created_at, id);
CREATE INDEX reversals_receipt ON reversals (original_receipt);
CREATE INDEX reversals_conversation ON reversals (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX reversals_originator ON reversals (originator_conversation_id) WHERE originator_conversation_id IS NOT NULL;
CREATE INDEX reversals_status_query ON reversals (status_query_id) WHERE status_query_id IS NOT NULL;
CREATE INDEX reversals_due ON reversals (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE UNIQUE INDEX reversals_idempotency ON reversals (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- At most one reversal of a receipt that is not failed: a second would be refused by M-Pesa, or
-- worse, race the first.
CREATE UNIQUE INDEX reversals_open ON reversals (original_receipt) WHERE status <> 'FAILED';

ALTER TABLE c2b_payments ADD COLUMN reversal_id TEXT;

-- A pace shared by every instance on this database: the next free send slot (epoch
-- microseconds) of each paced stream, e.g. one shortcode's payout batch rows.
CREATE TABLE paces (
  name TEXT PRIMARY KEY,
  next_at BIGINT NOT NULL
);
