-- Checkout without code (issue 15): payment links and checkout sessions. Every payment attempt goes
-- through a session; its payment is an ordinary row of payments, whose metadata names the session.
--
-- A session's attempt_open is the compare-and-set that keeps a second charge from starting while
-- one is pending or unknown: paying sets it from 0 to 1 in the transaction that records the
-- payment, and only the payment's definite failure (or its success, which completes the session)
-- sets it back. A link's pending_uses does the same for its max_uses: uses + pending_uses never
-- exceeds max_uses, so a one-off link is never paid twice by two visitors at once.
CREATE TABLE payment_links (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  amount BIGINT,
  min_amount BIGINT,
  max_amount BIGINT,
  reference TEXT NOT NULL,
  description TEXT NOT NULL,
  expires_at BIGINT,
  max_uses INTEGER,
  uses INTEGER NOT NULL DEFAULT 0,
  pending_uses INTEGER NOT NULL DEFAULT 0,
  payments_count INTEGER NOT NULL DEFAULT 0,
  paid_amount BIGINT NOT NULL DEFAULT 0,
  metadata TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX payment_links_created ON payment_links (created_at, id);

CREATE TABLE checkout_sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  payment_link_id TEXT,
  amount BIGINT,
  min_amount BIGINT,
  max_amount BIGINT,
  reference TEXT NOT NULL,
  description TEXT NOT NULL,
  success_url TEXT,
  cancel_url TEXT,
  phone TEXT,
  metadata TEXT,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  payment_id TEXT,
  attempt_open INTEGER NOT NULL DEFAULT 0,
  mpesa_receipt TEXT,
  completed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX checkout_sessions_created ON checkout_sessions (created_at, id);
CREATE INDEX checkout_sessions_payment ON checkout_sessions (payment_id);
CREATE INDEX checkout_sessions_due ON checkout_sessions (expires_at) WHERE status = 'OPEN';

-- Every prompt a checkout sent, for the abuse caps (per phone, client address and link): kept in
-- the database so the caps hold across instances; pruned once older than the longest window.
CREATE TABLE checkout_prompts (
  payment_id TEXT PRIMARY KEY,
  phone TEXT NOT NULL,
  client_address TEXT NOT NULL,
  payment_link_id TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX checkout_prompts_phone ON checkout_prompts (phone, created_at);
CREATE INDEX checkout_prompts_client ON checkout_prompts (client_address, created_at);
CREATE INDEX checkout_prompts_link ON checkout_prompts (payment_link_id, created_at);
CREATE INDEX checkout_prompts_created ON checkout_prompts (created_at);
