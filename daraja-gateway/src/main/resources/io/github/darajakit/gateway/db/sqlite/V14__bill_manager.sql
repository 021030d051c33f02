-- Bill Manager payments (REFERENCE §14): each payment Bill Manager pushed to our callback URL. The
-- money itself is recorded as a C2B payment (c2b_payments, source 'bill_manager'), once per
-- receipt whichever report of it came first; this row is the outbox of the reconciliation
-- acknowledgement Bill Manager waits for before it sends the customer an e-receipt. A worker
-- claims a due row with a lease and settles it with a compare-and-set on ack_status, so one
-- instance sends each acknowledgement. id is the M-Pesa receipt (the push's transactionId).
CREATE TABLE bill_payments (
  id TEXT PRIMARY KEY,
  c2b_payment_id TEXT NOT NULL,
  short_code TEXT NOT NULL,
  account_reference TEXT NOT NULL,
  amount BIGINT NOT NULL,
  msisdn TEXT NOT NULL,
  payment_date TEXT NOT NULL,
  pushes INTEGER NOT NULL DEFAULT 1,
  ack_status TEXT NOT NULL,
  ack_attempts INTEGER NOT NULL DEFAULT 0,
  next_ack_at BIGINT,
  last_error TEXT,
  attention TEXT,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  acknowledged_at BIGINT
);
CREATE INDEX bill_payments_due ON bill_payments (next_ack_at) WHERE next_ack_at IS NOT NULL;
CREATE INDEX bill_payments_created ON bill_payments (created_at, id);
