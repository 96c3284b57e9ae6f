-- National holidays and cuti bersama (issue 10 §2): working-day deadlines (the 3-working-day
-- follow-up, a routine inbox item, a routine referral's acceptance) skip them. Data, not code:
-- the installation's administrator enters each year's list from the SKB of the three ministers.
CREATE TABLE holiday (
  date date PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL
);
