package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Trigger;
import java.sql.SQLException;

/** User triggers (not the internal ones behind foreign keys). */
final class TriggerQuery implements CatalogQuery<Trigger> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS table_name, g.tgname AS trigger_name,"
        + " pg_get_triggerdef(g.oid, true) AS definition,"
        + " CASE g.tgenabled WHEN 'O' THEN 'origin' WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'"
        + "   ELSE 'always' END AS enabled,"
        + " obj_description(g.oid, 'pg_trigger') AS comment"
        + " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " WHERE NOT g.tgisinternal AND c.relname <> ALL (p.excluded) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Trigger map(CatalogRow row) throws SQLException {
    String table = row.text("table_name");
    return new Trigger(
        table + "." + row.text("trigger_name"),
        table,
        row.text("definition"),
        row.text("enabled"),
        row.optional("comment"));
  }
}
