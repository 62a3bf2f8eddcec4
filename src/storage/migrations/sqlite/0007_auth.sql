-- Identity and access (issue 11): users with scrypt password hashes, API tokens (only the
-- SHA-256 of each secret is stored), console sessions (only the SHA-256 of each cookie value is
-- stored), and a lock row that serialises changes which could remove the last administrator.
-- The audit log gains how each actor was authenticated. Times are INTEGER milliseconds UTC.

CREATE TABLE auth_users (
  name TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  password_changed_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT auth_users_pk PRIMARY KEY (name),
  CONSTRAINT auth_users_role_ck CHECK (role IN ('viewer', 'editor', 'approver', 'admin')),
  CONSTRAINT auth_users_disabled_ck CHECK (disabled IN (0, 1))
);

CREATE TABLE auth_tokens (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  prefix TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER,
  last_used_at INTEGER,
  revoked_at INTEGER,
  revoked_by TEXT,
  CONSTRAINT auth_tokens_pk PRIMARY KEY (id),
  CONSTRAINT auth_tokens_secret_uq UNIQUE (secret_sha256),
  CONSTRAINT auth_tokens_user_fk FOREIGN KEY (user_name) REFERENCES auth_users (name),
  CONSTRAINT auth_tokens_role_ck CHECK (role IN ('viewer', 'editor', 'approver', 'admin'))
);
CREATE INDEX auth_tokens_user_idx ON auth_tokens (user_name, created_at);
CREATE INDEX auth_tokens_created_idx ON auth_tokens (created_at, id);

CREATE TABLE auth_sessions (
  id TEXT NOT NULL,
  secret_sha256 TEXT NOT NULL,
  user_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  CONSTRAINT auth_sessions_pk PRIMARY KEY (id),
  CONSTRAINT auth_sessions_secret_uq UNIQUE (secret_sha256),
  CONSTRAINT auth_sessions_user_fk FOREIGN KEY (user_name) REFERENCES auth_users (name)
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_name);
CREATE INDEX auth_sessions_expires_idx ON auth_sessions (expires_at);

CREATE TABLE auth_locks (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  CONSTRAINT auth_locks_pk PRIMARY KEY (name)
);
INSERT INTO auth_locks (name, version) VALUES ('admins', 0);

ALTER TABLE audit_log ADD COLUMN auth_method TEXT;
ALTER TABLE audit_log ADD COLUMN token_id TEXT;
ALTER TABLE audit_log ADD COLUMN session_id TEXT;
