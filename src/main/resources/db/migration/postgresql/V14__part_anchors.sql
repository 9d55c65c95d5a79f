-- A static part records the key of every 1,000th member, so that a page deep into it starts near it.
ALTER TABLE sb_run_chunk ADD COLUMN anchors TEXT;
