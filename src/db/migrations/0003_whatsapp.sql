-- WhatsApp intake (WhatsApp Business Cloud API). One conversation per sender number; it feeds one
-- intake item at a time (a message after that item was closed opens a new item for the same
-- conversation). The sender's number is encrypted and found by its keyed hash, like every phone
-- number. WhatsApp message ids embed the sender's number, so they are stored only as keyed hashes
-- (wa_key); the UNIQUE constraint on it makes a notification delivered twice create nothing twice.

CREATE TABLE wa_conversation (
  id uuid PRIMARY KEY,
  phone_enc text NOT NULL,
  phone_hash text NOT NULL UNIQUE,
  profile_name_enc text,
  intake_id uuid NOT NULL REFERENCES intake (id),
  jurisdiction text NOT NULL,
  -- 'menunggu_balasan' (the sender wrote last) or 'dibalas' (an officer replied last)
  status text NOT NULL DEFAULT 'menunggu_balasan',
  last_message_at timestamptz NOT NULL,
  -- start of WhatsApp's 24-hour customer-service window: free text is only allowed inside it
  last_inbound_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wa_conversation_intake_idx ON wa_conversation (intake_id);

CREATE TABLE wa_message (
  id uuid PRIMARY KEY,
  -- arrival order (messages of one notification share WhatsApp's timestamp)
  seq bigserial NOT NULL,
  conversation_id uuid NOT NULL REFERENCES wa_conversation (id),
  -- the intake item the message belongs to (the conversation's item when it arrived or was sent)
  intake_id uuid NOT NULL REFERENCES intake (id),
  wa_key text NOT NULL UNIQUE,
  direction text NOT NULL CHECK (direction IN ('in', 'out')),
  type text NOT NULL,
  -- text, media caption or the readable part of other message types
  body_enc text,
  template_name text,
  template_language text,
  media_id text,
  media_mime text,
  media_filename_enc text,
  media_size integer,
  media_enc bytea,
  -- NULL (no media) | 'menunggu' | 'mengambil' | 'tersimpan' | 'gagal'
  media_status text,
  media_attempts integer NOT NULL DEFAULT 0,
  media_tried_at timestamptz,
  media_error text,
  latitude_enc text,
  longitude_enc text,
  location_label_enc text,
  -- incoming: 'received'; outgoing: 'accepted' (by the Graph API) → 'sent' → 'delivered' → 'read', or 'failed'
  status text NOT NULL,
  sent_at timestamptz,
  delivered_at timestamptz,
  read_at timestamptz,
  failed_at timestamptz,
  error_code text,
  sent_by uuid REFERENCES app_user (id),
  -- the time WhatsApp gives (incoming) or the time it was handed to the Graph API (outgoing)
  at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wa_message_conversation_idx ON wa_message (conversation_id, at, seq);
CREATE INDEX wa_message_intake_idx ON wa_message (intake_id);
CREATE INDEX wa_message_media_pending_idx ON wa_message (seq)
  WHERE media_status IN ('menunggu', 'mengambil', 'gagal');
