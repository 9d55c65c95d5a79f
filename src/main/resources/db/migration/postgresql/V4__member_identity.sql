-- A member row carries what its static segment file shows (id, source_id), so that cutting static
-- segments needs no join with the customers: id is customer_key when has_id, else null.
ALTER TABLE sb_run_member ADD COLUMN source_id TEXT;
ALTER TABLE sb_run_member ADD COLUMN has_id BOOLEAN NOT NULL DEFAULT TRUE;
