-- Placeholder: number 0007 is reserved for the identity and access migration, which replaces
-- this file (delete it when that migration lands). Migrations must be numbered 1..N without
-- gaps, and MLflow compatibility is 0009. Creates nothing.
SELECT 1;
