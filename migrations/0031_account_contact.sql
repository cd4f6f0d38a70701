-- Account editing (issue 11, item 3): a citizen's own address, and one-time codes that
-- confirm a new e-mail address or phone number before it counts. The new value waits on the
-- code row (new_value) and is written to the account only when the right code is entered.
ALTER TABLE users ADD COLUMN address text;
ALTER TABLE verification_codes ADD COLUMN new_value text;
ALTER TABLE verification_codes DROP CONSTRAINT verification_codes_purpose_check;
ALTER TABLE verification_codes ADD CONSTRAINT verification_codes_purpose_check
  CHECK (purpose IN ('email_confirm', 'password_reset', 'invitation', 'email_change', 'phone_change'));
