-- Prompt labels get their own revision (SPEC §1 Concurrency): moving a label accepts
-- If-Match, and of two concurrent moves that read the same revision only one applies.
-- Existing labels start at revision 1.

ALTER TABLE prompt_labels ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
