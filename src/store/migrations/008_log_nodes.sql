-- O(log n) proofs: the hashes of the tree's perfect subtrees of 16 leaves and more, stored by the
-- sequencer as it completes them. Node (level, idx) is MTH of the leaves
-- [idx * 2^level, (idx + 1) * 2^level) (RFC 9162 §2.1.1); an inclusion or consistency proof reads
-- O(log n) of them plus at most 15 leaves per smaller subtree, instead of every leaf.
CREATE TABLE log_node (
  level  smallint NOT NULL CHECK (level >= 4),
  idx    bigint   NOT NULL,
  hash   bytea    NOT NULL,
  PRIMARY KEY (level, idx)
);

-- Backfill from the leaves already sequenced, level by level:
-- node = SHA-256(0x01 || left || right).
CREATE TEMPORARY TABLE log_node_build (
  level  smallint NOT NULL,
  idx    bigint   NOT NULL,
  hash   bytea    NOT NULL,
  PRIMARY KEY (level, idx)
);
INSERT INTO log_node_build (level, idx, hash) SELECT 0, tree_index, leaf_hash FROM log_leaf;
DO $$
DECLARE
  lvl  smallint := 1;
  made bigint;
BEGIN
  LOOP
    INSERT INTO log_node_build (level, idx, hash)
      SELECT lvl, l.idx / 2, sha256('\x01'::bytea || l.hash || r.hash)
        FROM log_node_build l
        JOIN log_node_build r ON r.level = lvl - 1 AND r.idx = l.idx + 1
       WHERE l.level = lvl - 1 AND l.idx % 2 = 0;
    GET DIAGNOSTICS made = ROW_COUNT;
    EXIT WHEN made = 0;
    lvl := lvl + 1;
  END LOOP;
END;
$$;
INSERT INTO log_node (level, idx, hash)
  SELECT level, idx, hash FROM log_node_build WHERE level >= 4;
DROP TABLE log_node_build;

CREATE TRIGGER log_node_append_only
  BEFORE UPDATE OR DELETE ON log_node
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();
CREATE TRIGGER log_node_no_truncate BEFORE TRUNCATE ON log_node
  FOR EACH STATEMENT EXECUTE FUNCTION message_log_refuse_change();
