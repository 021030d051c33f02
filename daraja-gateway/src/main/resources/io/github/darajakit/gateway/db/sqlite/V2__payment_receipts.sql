-- Pull Transactions recovery skips receipts of STK payments it already knows (a PayBill used for
-- both STK and C2B shows both in Pull results): look them up by receipt.
CREATE INDEX payments_receipt ON payments (mpesa_receipt) WHERE mpesa_receipt IS NOT NULL;
