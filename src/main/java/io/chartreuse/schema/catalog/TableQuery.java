package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Table;
import java.sql.SQLException;

final class TableQuery implements CatalogQuery<Table> {
  private static final String PARENTS =
      "SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent"
          + " JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE i.inhrelid = c.oid";

  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS name,"
        + " CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS type,"
        + " c.relpersistence = 'u' AS unlogged,"
        + " CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,"
        + " CASE WHEN c.relispartition THEN ("
        + PARENTS
        + ") END AS partition_of,"
        + " CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,"
        + " CASE WHEN c.relispartition THEN '{}'::text[] ELSE ARRAY("
        + PARENTS
        + " ORDER BY i.inhseqno) END AS inherits,"
        + " c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security, c.reloptions AS options,"
        + " ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0"
        + "   AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS columns,"
        + " obj_description(c.oid, 'pg_class') AS comment"
        + " FROM pg_class c JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " WHERE c.relkind IN ('r', 'p', 'f') AND c.relname <> ALL (p.excluded) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Table map(CatalogRow row) throws SQLException {
    return new Table(
        row.text("name"),
        row.text("type"),
        row.flag("unlogged"),
        row.optional("partition_key"),
        row.optional("partition_of"),
        row.optional("partition_bound"),
        row.list("inherits"),
        row.flag("row_security"),
        row.flag("force_row_security"),
        row.list("options"),
        row.list("columns"),
        row.optional("comment"));
  }
}
