-- Receipts credited on a callback's word, to be checked with Transaction Status (reconciler
-- .checkReceipts): the callback path's secret is all that authenticates a callback, and a forged
-- success can carry a real receipt of another transaction. id is the receipt.
CREATE TABLE receipt_checks (
  id TEXT PRIMARY KEY,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  counterparty TEXT NOT NULL,
  amount BIGINT NOT NULL,
  party TEXT NOT NULL,
  status TEXT NOT NULL,
  detail TEXT,
  next_check_at BIGINT,
  check_attempts INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX receipt_checks_due ON receipt_checks (next_check_at) WHERE next_check_at IS NOT NULL;
