-- Members are the bulk of the data (customers x segments per run). Each run gets its own partition,
-- loaded by COPY without any index (random-order btree inserts made a 1M-customer load ten times
-- slower), indexed once when loading is done, and dropped whole when no segment needs it any more.
DROP TABLE sb_run_member;
CREATE TABLE sb_run_member (
    run_no              BIGINT NOT NULL,
    seg_no              BIGINT NOT NULL,
    customer_key        TEXT COLLATE "C" NOT NULL
) PARTITION BY LIST (run_no);
