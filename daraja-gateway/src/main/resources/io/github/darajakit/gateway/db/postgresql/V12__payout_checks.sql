-- Fraud checks before a payout is sent (payouts.simSwapGuard, payouts.nameCheck). A payout a check
-- held waits, HELD, for an API key other than its maker's to approve it: created_by is the maker
-- (a batch row's is the batch's). checks holds what every check found, as a JSON array, written in
-- the same compare-and-set as the status it led to; review, reviewed_by and reviewed_at record the
-- person's decision (APPROVED or REJECTED).
ALTER TABLE payouts ADD COLUMN expected_name TEXT;
ALTER TABLE payouts ADD COLUMN created_by TEXT;
ALTER TABLE payouts ADD COLUMN checks TEXT;
ALTER TABLE payouts ADD COLUMN review TEXT;
ALTER TABLE payouts ADD COLUMN reviewed_by TEXT;
ALTER TABLE payouts ADD COLUMN reviewed_at BIGINT;
