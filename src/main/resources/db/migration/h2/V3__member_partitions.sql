-- On PostgreSQL members live in one partition per run; H2 keeps one table with a plain index.
ALTER TABLE sb_run_member DROP PRIMARY KEY;
CREATE INDEX sb_run_member_seg ON sb_run_member (seg_no, run_no, customer_key);
CREATE INDEX sb_run_member_customer ON sb_run_member (customer_key);
