package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Routine;
import java.sql.SQLException;

/**
 * Functions and procedures, named by their identity arguments. The body hashed is the source text,
 * or for SQL-standard bodies ({@code BEGIN ATOMIC}, PostgreSQL 14+) their normalized rendering.
 */
final class RoutineQuery implements CatalogQuery<Routine> {
  @Override
  public String sql(int serverMajorVersion) {
    String body =
        serverMajorVersion >= 14
            ? "coalesce(pg_get_function_sqlbody(r.oid), r.prosrc)"
            : "r.prosrc";
    return "SELECT s.nspname || '.' || r.proname || '(' || pg_get_function_identity_arguments(r.oid) || ')' AS name,"
        + " CASE r.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function'"
        + "   ELSE 'function' END AS type,"
        + " pg_get_function_arguments(r.oid) AS arguments, pg_get_function_result(r.oid) AS result, l.lanname AS language,"
        + " CASE r.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END AS volatility,"
        + " r.proisstrict AS strict, r.prosecdef AS security_definer, r.proleakproof AS leakproof,"
        + " CASE r.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END AS parallel,"
        + " r.proconfig AS settings,"
        + " encode(sha256(convert_to(coalesce("
        + body
        + ", '') || coalesce(r.probin, ''), 'UTF8')), 'hex') AS body,"
        + " obj_description(r.oid, 'pg_proc') AS comment"
        + " FROM pg_proc r JOIN s ON s.oid = r.pronamespace JOIN pg_language l ON l.oid = r.prolang"
        + " WHERE"
        + CatalogQuery.notFromExtension("pg_proc", "r.oid");
  }

  @Override
  public Routine map(CatalogRow row) throws SQLException {
    return new Routine(
        row.text("name"),
        row.text("type"),
        row.text("arguments"),
        row.optional("result"),
        row.text("language"),
        row.text("volatility"),
        row.flag("strict"),
        row.flag("security_definer"),
        row.flag("leakproof"),
        row.text("parallel"),
        row.list("settings"),
        row.text("body"),
        row.optional("comment"));
  }
}
