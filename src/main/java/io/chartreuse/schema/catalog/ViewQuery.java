package io.chartreuse.schema.catalog;

import io.chartreuse.schema.View;
import java.sql.SQLException;

final class ViewQuery implements CatalogQuery<View> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS name, c.relkind = 'm' AS materialized,"
        + " pg_get_viewdef(c.oid, true) AS definition, c.reloptions AS options,"
        + " obj_description(c.oid, 'pg_class') AS comment"
        + " FROM pg_class c JOIN s ON s.oid = c.relnamespace"
        + " WHERE c.relkind IN ('v', 'm') AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public View map(CatalogRow row) throws SQLException {
    return new View(
        row.text("name"),
        row.flag("materialized"),
        row.text("definition"),
        row.list("options"),
        row.optional("comment"));
  }
}
