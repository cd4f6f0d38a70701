-- Identity: TOTP replay protection, staff invitations, pruning of rate-limit buckets.

-- The last TOTP time step accepted for a user (floor(unix time / 30)). A code is accepted
-- only for a later step, so a code seen once (shoulder-surfing, a replayed request) can
-- never be used again.
ALTER TABLE users ADD COLUMN totp_last_step bigint;

-- Staff invitations: a set-password code with a longer life than a password reset.
ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_purpose_check;
ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_purpose_check
  CHECK (purpose IN ('email_confirm', 'password_reset', 'invitation'));

-- Expired buckets are deleted in batches by reset time.
CREATE INDEX rate_buckets_reset_idx ON rate_buckets (reset_at);
