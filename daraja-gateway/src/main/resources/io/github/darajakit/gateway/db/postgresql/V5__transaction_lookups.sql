-- Transaction Status lookups by receipt: the latest answer for each receipt, and the query that
-- is waiting for one (Daraja answers on the ResultURL, matched by the query's ConversationID).
CREATE TABLE transaction_lookups (
  receipt TEXT PRIMARY KEY,
  query_id TEXT,
  requested_at BIGINT NOT NULL,
  answered_at BIGINT,
  answer TEXT
);
CREATE INDEX transaction_lookups_query ON transaction_lookups (query_id) WHERE query_id IS NOT NULL;
CREATE INDEX payouts_receipt ON payouts (mpesa_receipt) WHERE mpesa_receipt IS NOT NULL;
