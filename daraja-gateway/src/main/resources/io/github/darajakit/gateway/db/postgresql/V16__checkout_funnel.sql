-- The checkout funnel (opened → prompted → paid) and the cap on sessions opened from a link.
--
-- opened_at: when the customer's page first showed the session (a link's session is opened by
-- its page, so it is opened when created). client_address: who opened a link's session, for the
-- per-address cap on opening them (a session is a row: a script must not be able to make millions).
ALTER TABLE checkout_sessions ADD COLUMN opened_at BIGINT;
ALTER TABLE checkout_sessions ADD COLUMN client_address TEXT;
CREATE INDEX checkout_sessions_link ON checkout_sessions (payment_link_id, created_at);
CREATE INDEX checkout_sessions_client ON checkout_sessions (client_address, created_at);
