package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Sequence;
import java.sql.SQLException;

/** Sequences' definitions; one owned by an excluded table (a tool's own) is left out with it. */
final class SequenceQuery implements CatalogQuery<Sequence> {
  private static final String OWNER =
      " FROM pg_depend d JOIN pg_class tc ON tc.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = tc.relnamespace"
          + " JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid"
          + " WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass"
          + " AND d.deptype IN ('a', 'i')";

  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS name, format_type(q.seqtypid, NULL) AS type,"
        + " q.seqstart AS start, q.seqincrement AS increment, q.seqmin AS minimum, q.seqmax AS maximum,"
        + " q.seqcache AS cache, q.seqcycle AS cycle,"
        + " (SELECT tn.nspname || '.' || tc.relname || '.' || ta.attname"
        + OWNER
        + " LIMIT 1) AS owned_by,"
        + " obj_description(c.oid, 'pg_class') AS comment"
        + " FROM pg_sequence q JOIN pg_class c ON c.oid = q.seqrelid JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " WHERE NOT EXISTS (SELECT 1"
        + OWNER
        + " AND tc.relname = ANY (p.excluded)) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Sequence map(CatalogRow row) throws SQLException {
    return new Sequence(
        row.text("name"),
        row.text("type"),
        row.number("start"),
        row.number("increment"),
        row.number("minimum"),
        row.number("maximum"),
        row.number("cache"),
        row.flag("cycle"),
        row.optional("owned_by"),
        row.optional("comment"));
  }
}
