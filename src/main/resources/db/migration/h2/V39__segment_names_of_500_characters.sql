-- H2 only: a segment's name has at most 500 characters (Unicode code points, as job files and the API count them),
-- and the name of a static segment a run cuts from it adds " (k/n)". H2 counts a VARCHAR's length in UTF-16 units,
-- in which a character beyond U+FFFF (an emoji) takes two: 500 of them and the suffix did not fit in 1,000, and every
-- run of that segment's job failed when it named its parts. PostgreSQL counts characters.
ALTER TABLE sb_segment ALTER COLUMN name SET DATA TYPE VARCHAR(1100);
ALTER TABLE sb_dest_segment ALTER COLUMN parent_name SET DATA TYPE VARCHAR(1100);
ALTER TABLE sb_dest_segment ALTER COLUMN name SET DATA TYPE VARCHAR(1100);
