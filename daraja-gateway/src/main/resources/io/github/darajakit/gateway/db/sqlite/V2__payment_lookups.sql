-- Pull Transactions recovery skips receipts of STK payments it already knows (a PayBill used for
-- both STK and C2B shows both in Pull results): look them up by receipt.
CREATE INDEX payments_receipt ON payments (mpesa_receipt) WHERE mpesa_receipt IS NOT NULL;

-- The Idempotency-Key (with its API key's id) a payment was created under. A retry that takes
-- over from an attempt that died half-way finds the payment here instead of pushing again.
ALTER TABLE payments ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX payments_idempotency ON payments (idempotency_key) WHERE idempotency_key IS NOT NULL;
