-- A run's customers get their own partition as well: its primary key (the duplicate check during the
-- load) then only holds this run's keys, instead of growing with every retained run.
DROP TABLE sb_run_customer;
CREATE TABLE sb_run_customer (
    run_no              BIGINT NOT NULL,
    customer_key        TEXT COLLATE "C" NOT NULL,
    customer_id         TEXT,
    source_id           TEXT,
    name                TEXT,
    email               TEXT,
    PRIMARY KEY (run_no, customer_key)
) PARTITION BY LIST (run_no);
