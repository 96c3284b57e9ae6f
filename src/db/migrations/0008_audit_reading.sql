-- Reading the audit log (issue 8 §5): a case's access log finds the events of one case by the
-- case id recorded in `detail` (persons, incidents, records, attachments, transfers), and the
-- auditor filters by date range. Indexes only: how rows are written and chained is unchanged.
CREATE INDEX audit_event_case_detail_idx ON audit_event ((detail->>'caseId'));
CREATE INDEX audit_event_at_idx ON audit_event (at);
