-- Placeholder: number 0006 is reserved for the shared-kit migration, which replaces this file
-- (delete it when that migration lands). Migrations must be numbered 1..N without gaps, and
-- identity and access is 0007. Creates nothing.
SELECT 1;
