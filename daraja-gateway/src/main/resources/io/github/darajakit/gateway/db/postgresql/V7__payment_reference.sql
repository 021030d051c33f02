-- The dashboard finds payments by the reference the merchant gave them (GET /v1/payments?reference=).
CREATE INDEX payments_reference ON payments (reference, created_at, id);
