-- B2B Express Checkout collections: a USSD prompt asks a till's operator to pay this business
-- from the till. The lifecycle's columns are every initiator operation's (initiator.Progress):
-- originator_conversation_id holds the RequestRefID we send (ours, chosen before sending, so a
-- callback always finds its collection), receipt the M-Pesa transactionId of its callback.
CREATE TABLE b2b_collections (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  primary_short_code TEXT NOT NULL,
  receiver_short_code TEXT NOT NULL,
  amount BIGINT NOT NULL,
  payment_reference TEXT NOT NULL,
  partner_name TEXT NOT NULL,
  metadata TEXT,
  originator_conversation_id TEXT NOT NULL,
  conversation_id TEXT,
  receipt TEXT,
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
CREATE INDEX b2b_collections_created ON b2b_collections (created_at, id);
CREATE INDEX b2b_collections_primary ON b2b_collections (primary_short_code, created_at);
CREATE UNIQUE INDEX b2b_collections_request ON b2b_collections (originator_conversation_id);
CREATE INDEX b2b_collections_due ON b2b_collections (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX b2b_collections_attention ON b2b_collections (created_at) WHERE attention IS NOT NULL;
CREATE UNIQUE INDEX b2b_collections_idempotency ON b2b_collections (idempotency_key) WHERE idempotency_key IS NOT NULL;
