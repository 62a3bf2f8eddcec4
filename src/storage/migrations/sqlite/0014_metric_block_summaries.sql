-- metric_block_summaries: for a metric block of at least 512 points without NaN values, its
-- points in step order cut into chunks of 64, each summarised by its first and last point and
-- the first occurrences of its minimum and maximum (112 bytes a chunk; the layout is in
-- tracking/metric_block.h). A chart read with long buckets downsamples a summarised block from
-- these instead of decoding its points, so a coarse view of a long history reads about a
-- fourteenth of its bytes. A separate table, so that reading the summaries never walks the
-- block's own pages. Blocks written before this migration have none and are read point by point.

CREATE TABLE metric_block_summaries (
  run_id TEXT NOT NULL,
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  CONSTRAINT metric_block_summaries_pk PRIMARY KEY (run_id, key, seq),
  CONSTRAINT metric_block_summaries_block_fk FOREIGN KEY (run_id, key, seq)
    REFERENCES metric_blocks (run_id, key, seq)
);
