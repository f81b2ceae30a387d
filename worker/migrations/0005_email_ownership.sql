-- Proven email ownership (issue 12): when a customer's email was proven (a code mailed to it was
-- confirmed, a provider vouched for it, or staff said so), and the one-time codes mailed for it.

-- NULL: nobody has proven they own this address yet. An email change clears it unless the new address
-- is proven by the same step.
ALTER TABLE customers ADD COLUMN email_verified_at TEXT;

-- One row per mailed code. `email` is the (lower-cased) address the code was SENT to: the per-email
-- limits count these rows by email, so deleting the account and signing up again resets nothing.
-- Only the hash is stored, and it is bound to purpose + email (a code for one address never works for
-- another). An 'email_change' row names the customer and the new address (`new_email` = `email`).
-- Rows are not deleted when their customer is (customer_id is then set NULL): they are the limits' memory.
-- `attempts`: failed tries (the try that takes a code is given back), summed per address per day for
-- the daily cap on failures.
-- `proof_hash`: SHA-256 of the random value in the `sfa_code_proof` cookie given to the browser that
-- asked for the code while proving it may (sign-up, the right password); confirming the code from that
-- browser keeps the account as it is, from anywhere else it counts as the mailbox owner's first proof.
CREATE TABLE email_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'sign_in', 'email_change')),
  email TEXT NOT NULL,
  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,
  new_email TEXT,
  code_hash TEXT NOT NULL,
  proof_hash TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  date_created TEXT NOT NULL
);
CREATE INDEX email_codes_email ON email_codes (email, date_created);
CREATE INDEX email_codes_customer ON email_codes (customer_id, purpose);
