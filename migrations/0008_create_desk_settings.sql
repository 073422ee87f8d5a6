-- Desk-wide settings a manager changes from chat (emergency mode), and their append-only history.
CREATE TABLE desk_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE desk_setting_changes (
  seq bigserial PRIMARY KEY,
  key text NOT NULL,
  value jsonb NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  changed_by_name text NOT NULL,
  surface text NOT NULL
);

CREATE TRIGGER desk_setting_changes_append_only
  BEFORE UPDATE OR DELETE ON desk_setting_changes
  FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change();
