-- SQLite's migration 15 clusters a run's params and tags by run (WITHOUT ROWID tables).
-- PostgreSQL keeps its heap tables and their primary key indexes, which a search already reads
-- by run id; this number keeps the two backends' migrations in step.

SELECT 1;
