-- One row per customer per run, in a table of the run's own (sb_customers_<run no>, created by the store), with
-- the segments it matched as a bitmap. sb_run_segment says which bit stands for which segment in a run.
CREATE TABLE sb_run_segment (
    run_no              BIGINT NOT NULL,
    seg_no              BIGINT NOT NULL,
    bit                 INTEGER NOT NULL,
    members             BIGINT NOT NULL,
    PRIMARY KEY (run_no, seg_no)
);
-- whether the run's customers table exists (dropped once no segment's baseline is that run)
ALTER TABLE sb_run ADD COLUMN stored BOOLEAN NOT NULL DEFAULT FALSE;
-- one row per job whose lock a run holds (H2; PostgreSQL uses advisory locks)
CREATE TABLE sb_job_lock (
    job_name            VARCHAR(200) NOT NULL PRIMARY KEY
);
CREATE INDEX sb_segment_current_run ON sb_segment (current_run_no);
