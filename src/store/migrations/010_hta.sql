-- The RENETSA HTA repository (src/hta/). Reports are FHIR DocumentReferences whose every
-- version is kept (hta_document_version, append-only); hta_document holds the search columns
-- of the latest version. A new report version is a new DocumentReference with
-- relatesTo.replaces; the one it replaces gets a new FHIR version with status `superseded`.
CREATE TABLE hta_binary (
  id            text        PRIMARY KEY,
  content_type  text        NOT NULL,
  bytes         bytea       NOT NULL,
  sha256        bytea       NOT NULL,
  published_by  text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hta_document (
  id                text        PRIMARY KEY,
  version_id        integer     NOT NULL,
  status            text        NOT NULL CHECK (status IN ('current', 'superseded', 'entered-in-error')),
  doc_status        text,
  technology_system text,
  technology_code   text,
  institution_id    text,
  institution_name  text,
  report_date       timestamptz NOT NULL,
  -- lower-case, accents removed: title, technology, indication, institution (for `_text`)
  search_text       text        NOT NULL,
  replaces          text        REFERENCES hta_document (id),
  replaced_by       text        REFERENCES hta_document (id),
  binary_id         text        REFERENCES hta_binary (id),
  published_by      text        NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hta_document_technology ON hta_document (technology_code);
CREATE INDEX hta_document_date ON hta_document (report_date DESC, id);
CREATE UNIQUE INDEX hta_document_replaces ON hta_document (replaces) WHERE replaces IS NOT NULL;

CREATE TABLE hta_document_version (
  id           text        NOT NULL REFERENCES hta_document (id),
  version_id   integer     NOT NULL,
  resource     json        NOT NULL, -- json, not jsonb: keeps the members in FHIR order
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version_id)
);
CREATE TRIGGER hta_document_version_append_only
  BEFORE UPDATE OR DELETE ON hta_document_version
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();

-- Public comments ("complementar información"): held as `pending` until a RENETSA member
-- approves or rejects them. client_ip is kept for abuse handling only, never shown.
CREATE TABLE hta_comment (
  id            text        PRIMARY KEY,
  document_id   text        NOT NULL REFERENCES hta_document (id),
  author_name   text        NOT NULL,
  institution   text,
  body          text        NOT NULL,
  status        text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  client_ip     text        NOT NULL,
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  decided_by    text,
  decided_at    timestamptz
);
CREATE INDEX hta_comment_document ON hta_comment (document_id, status, submitted_at);

-- Set once by the process that seeds the demo reports (several processes may start together).
CREATE TABLE hta_demo_seed (
  id         integer     PRIMARY KEY CHECK (id = 1),
  seeded_at  timestamptz NOT NULL DEFAULT now()
);
