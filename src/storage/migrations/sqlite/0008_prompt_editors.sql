-- Who changed a prompt version's content after it was created (a JSON list of identities),
-- so that none of them may approve it (four-eyes). Versions edited before this migration have
-- no recorded editors.
ALTER TABLE prompt_versions ADD COLUMN edited_by TEXT NOT NULL DEFAULT '[]';
