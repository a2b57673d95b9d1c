package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Column;
import java.sql.SQLException;

/** Columns of the covered tables; the collation only where it is not the type's default. */
final class ColumnQuery implements CatalogQuery<Column> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS table_name, a.attname AS column_name,"
        + " format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,"
        + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_value,"
        + " CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,"
        + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,"
        + " CASE WHEN a.attcollation <> t.typcollation THEN quote_ident(co.collname) END AS collation,"
        + " col_description(c.oid, a.attnum) AS comment"
        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " JOIN pg_type t ON t.oid = a.atttypid"
        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
        + " WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped"
        + " AND c.relname <> ALL (p.excluded) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Column map(CatalogRow row) throws SQLException {
    String table = row.text("table_name");
    return new Column(
        table + "." + row.text("column_name"),
        table,
        row.text("type"),
        row.flag("not_null"),
        row.optional("default_value"),
        row.optional("identity"),
        row.optional("generated"),
        row.optional("collation"),
        row.optional("comment"));
  }
}
