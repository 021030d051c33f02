-- Every OriginatorConversationID a payout or B2B payment was ever sent under, so that a Result
-- for an earlier attempt (one sent before the payment failed and was resubmitted) still finds its
-- payment: a success for an attempt reported failed is then seen and flagged, never lost.
CREATE TABLE payout_attempts (
  payout_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  originator_conversation_id TEXT NOT NULL UNIQUE,
  conversation_id TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (payout_id, attempt)
);
CREATE INDEX payout_attempts_conversation ON payout_attempts (conversation_id) WHERE conversation_id IS NOT NULL;
INSERT INTO payout_attempts (payout_id, attempt, originator_conversation_id, conversation_id, created_at)
  SELECT id, resubmissions, originator_conversation_id, conversation_id, created_at FROM payouts WHERE id IS NOT NULL;

-- One M-Pesa receipt (STK MpesaReceiptNumber, C2B TransID, B2C/B2B receipt, reversal receipt)
-- credits at most one thing: the first record to claim it owns it, and any other use of it is
-- evidence to flag, never money to count. Receipts already stored are claimed in table order.
CREATE TABLE receipts (
  receipt TEXT PRIMARY KEY,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
INSERT INTO receipts (receipt, object_type, object_id, created_at)
  SELECT mpesa_receipt, 'payment', id, updated_at FROM payments WHERE mpesa_receipt IS NOT NULL
  ON CONFLICT (receipt) DO NOTHING;
INSERT INTO receipts (receipt, object_type, object_id, created_at)
  SELECT trans_id, 'c2b_payment', id, created_at FROM c2b_payments WHERE trans_id IS NOT NULL
  ON CONFLICT (receipt) DO NOTHING;
INSERT INTO receipts (receipt, object_type, object_id, created_at)
  SELECT mpesa_receipt, CASE WHEN kind = 'b2b' THEN 'b2b_payment' ELSE 'payout' END, id, updated_at
  FROM payouts WHERE mpesa_receipt IS NOT NULL
  ON CONFLICT (receipt) DO NOTHING;
INSERT INTO receipts (receipt, object_type, object_id, created_at)
  SELECT reversal_receipt, 'reversal', id, updated_at FROM reversals WHERE reversal_receipt IS NOT NULL
  ON CONFLICT (receipt) DO NOTHING;

-- The gateway processes alive on this database, each seen within the last few seconds; an
-- Idempotency-Key held by a request of a process that is no longer alive is free again.
CREATE TABLE gateway_instances (
  id TEXT PRIMARY KEY,
  started_at BIGINT NOT NULL,
  seen_at BIGINT NOT NULL
);
ALTER TABLE idempotency_keys ADD COLUMN locked_by TEXT;
