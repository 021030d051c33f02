-- Recurring billing (subscriptions flow). A plan says what a period costs and how long it is; a
-- subscription bills one customer on the plan's calendar, by STK push or by an M-Pesa Ratiba
-- standing order; an invoice is one period's bill.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  amount BIGINT NOT NULL,
  interval_unit TEXT NOT NULL,
  interval_count INTEGER NOT NULL,
  trial_days INTEGER NOT NULL,
  metadata TEXT,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX plans_created ON plans (created_at, id);
-- next_period_at is when the period at period_index is due to be invoiced (its first day, 00:00
-- East Africa Time); NULL once nothing more will be billed (cancelled, ended, or waiting for a
-- standing order's consent).
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id),
  phone TEXT NOT NULL,
  reference TEXT NOT NULL,
  rail TEXT NOT NULL,
  status TEXT NOT NULL,
  start_date TEXT NOT NULL,
  trial_end TEXT,
  end_date TEXT,
  anchor_day INTEGER NOT NULL,
  schedule_start TEXT NOT NULL,
  period_index INTEGER NOT NULL,
  next_period_at BIGINT,
  cancel_at_period_end INTEGER NOT NULL,
  standing_order_name TEXT,
  standing_order_ref TEXT,
  standing_order_receipt TEXT,
  standing_order_amount BIGINT,
  result_code TEXT,
  result_desc TEXT,
  attention TEXT,
  metadata TEXT,
  idempotency_key TEXT UNIQUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX subscriptions_due ON subscriptions (next_period_at) WHERE next_period_at IS NOT NULL;
CREATE INDEX subscriptions_created ON subscriptions (created_at, id);
CREATE INDEX subscriptions_reference ON subscriptions (reference);
-- One invoice per subscription and period, whatever crashes, restarts, second instances or clock
-- changes happen: the period's first day is part of the key. payment_id is the charge attempt in
-- flight (an ordinary payment); while it is set no other attempt starts.
CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id),
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  amount BIGINT NOT NULL,
  status TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  retries INTEGER NOT NULL,
  next_attempt_at BIGINT,
  payment_id TEXT,
  result_code TEXT,
  result_desc TEXT,
  paid_at BIGINT,
  mpesa_receipt TEXT,
  attention TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (subscription_id, period_start)
);
CREATE INDEX invoices_due ON invoices (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX invoices_created ON invoices (created_at, id);
CREATE INDEX invoices_subscription ON invoices (subscription_id, status);
-- Each charge attempt of an invoice is a payment; an attempt number is used once.
CREATE TABLE invoice_attempts (
  payment_id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES invoices (id),
  attempt INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (invoice_id, attempt)
);
