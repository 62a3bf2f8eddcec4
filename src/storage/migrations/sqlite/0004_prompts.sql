-- Prompt governance: templates, their versions (review workflow and latest evaluation), labels
-- pointing at approved versions, and usage events. Times are INTEGER milliseconds UTC; JSON
-- documents (variables, parameters, evaluation) are TEXT.

CREATE TABLE prompt_templates (
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL,
  latest_version INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT prompt_templates_pk PRIMARY KEY (id),
  CONSTRAINT prompt_templates_name_uq UNIQUE (name)
);
CREATE INDEX prompt_templates_created_idx ON prompt_templates (created_at, id);
CREATE INDEX prompt_templates_owner_idx ON prompt_templates (owner);

CREATE TABLE prompt_template_tags (
  template_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  CONSTRAINT prompt_template_tags_pk PRIMARY KEY (template_id, key),
  CONSTRAINT prompt_template_tags_template_fk FOREIGN KEY (template_id)
    REFERENCES prompt_templates (id)
);
CREATE INDEX prompt_template_tags_key_idx ON prompt_template_tags (key, value);

CREATE TABLE prompt_versions (
  template_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  body_sha256 TEXT NOT NULL,
  variables TEXT NOT NULL DEFAULT '[]',
  model_hint TEXT NOT NULL DEFAULT '',
  parameters TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  evaluation TEXT,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  submitted_by TEXT,
  submitted_at INTEGER,
  reviewed_by TEXT,
  reviewed_at INTEGER,
  review_comment TEXT,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  CONSTRAINT prompt_versions_pk PRIMARY KEY (template_id, version),
  CONSTRAINT prompt_versions_template_fk FOREIGN KEY (template_id)
    REFERENCES prompt_templates (id),
  CONSTRAINT prompt_versions_status_ck CHECK (status IN ('draft', 'pending_review', 'approved',
    'rejected', 'deprecated'))
);
CREATE INDEX prompt_versions_status_idx ON prompt_versions (status, template_id);

CREATE TABLE prompt_labels (
  template_id TEXT NOT NULL,
  label TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  CONSTRAINT prompt_labels_pk PRIMARY KEY (template_id, label),
  CONSTRAINT prompt_labels_version_fk FOREIGN KEY (template_id, version)
    REFERENCES prompt_versions (template_id, version)
);

CREATE TABLE prompt_usage (
  id INTEGER NOT NULL,
  template_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  app TEXT NOT NULL,
  latency_ms REAL NOT NULL,
  input_tokens INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd REAL NOT NULL,
  success INTEGER NOT NULL,
  error TEXT,
  logged_by TEXT NOT NULL,
  at INTEGER NOT NULL,
  CONSTRAINT prompt_usage_pk PRIMARY KEY (id),
  CONSTRAINT prompt_usage_version_fk FOREIGN KEY (template_id, version)
    REFERENCES prompt_versions (template_id, version)
);
-- Filters one version (and `since` on at) and walks its latencies in order, so exact
-- percentiles by OFFSET need no sort.
CREATE INDEX prompt_usage_latency_idx ON prompt_usage (template_id, version, latency_ms, at);
