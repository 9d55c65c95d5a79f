-- Size and modification time of each input file when the run started: a restart on a changed file is refused.
ALTER TABLE sb_run ADD COLUMN input_stamps_json TEXT;
