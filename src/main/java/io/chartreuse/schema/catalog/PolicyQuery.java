package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Policy;
import java.sql.SQLException;

final class PolicyQuery implements CatalogQuery<Policy> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS table_name, o.polname AS policy_name, o.polpermissive AS permissive,"
        + " CASE o.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE'"
        + "   ELSE 'ALL' END AS command,"
        + " ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(o.polroles) r)::text[] AS roles,"
        + " pg_get_expr(o.polqual, o.polrelid) AS using_expression,"
        + " pg_get_expr(o.polwithcheck, o.polrelid) AS check_expression,"
        + " obj_description(o.oid, 'pg_policy') AS comment"
        + " FROM pg_policy o JOIN pg_class c ON c.oid = o.polrelid JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " WHERE c.relname <> ALL (p.excluded)";
  }

  @Override
  public Policy map(CatalogRow row) throws SQLException {
    String table = row.text("table_name");
    return new Policy(
        table + "." + row.text("policy_name"),
        table,
        row.flag("permissive"),
        row.text("command"),
        row.list("roles"),
        row.optional("using_expression"),
        row.optional("check_expression"),
        row.optional("comment"));
  }
}
