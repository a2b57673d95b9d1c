package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Index;
import java.sql.SQLException;

/** Indexes of the covered tables and materialized views, including those that back constraints. */
final class IndexQuery implements CatalogQuery<Index> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || ic.relname AS name, tn.nspname || '.' || c.relname AS table_name,"
        + " pg_get_indexdef(i.indexrelid) AS definition, i.indisunique AS is_unique, i.indisprimary AS is_primary,"
        + " pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indisvalid AS valid,"
        + " obj_description(ic.oid, 'pg_class') AS comment"
        + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN s ON s.oid = ic.relnamespace CROSS JOIN p"
        + " JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = c.relnamespace"
        + " WHERE c.relkind IN ('r', 'p', 'm', 'f') AND c.relname <> ALL (p.excluded) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Index map(CatalogRow row) throws SQLException {
    return new Index(
        row.text("name"),
        row.text("table_name"),
        row.text("definition"),
        row.flag("is_unique"),
        row.flag("is_primary"),
        row.optional("predicate"),
        row.flag("valid"),
        row.optional("comment"));
  }
}
