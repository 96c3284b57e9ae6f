-- Links of a RAD activity to the meeting decisions and prevention activities that carry it out
-- (issue 12 §4; decision 032). One row per link, to exactly one of the two; both directions are
-- indexed: the RAD activity lists its links, and the meetings and prevention modules may ask
-- which RAD activities a decision or an activity serves (radLinksFor in src/db/rad.repository.ts).
-- A link stays within one jurisdiction (checked by the use case).
CREATE TABLE rad_activity_link (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES rad_activity (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  meeting_decision_id uuid REFERENCES meeting_decision (id) ON DELETE CASCADE,
  prevention_activity_id uuid REFERENCES prevention_activity (id) ON DELETE CASCADE,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  CHECK ((meeting_decision_id IS NULL) <> (prevention_activity_id IS NULL))
);
CREATE UNIQUE INDEX rad_link_decision_idx ON rad_activity_link (meeting_decision_id, activity_id)
  WHERE meeting_decision_id IS NOT NULL;
CREATE UNIQUE INDEX rad_link_prevention_idx ON rad_activity_link (prevention_activity_id, activity_id)
  WHERE prevention_activity_id IS NOT NULL;
CREATE INDEX rad_link_activity_idx ON rad_activity_link (activity_id, created_at);
