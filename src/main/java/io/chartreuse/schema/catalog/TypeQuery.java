package io.chartreuse.schema.catalog;

import io.chartreuse.schema.UserType;
import java.sql.SQLException;

/** Enums, domains, ranges and free-standing composite types (a table's row type is the table). */
final class TypeQuery implements CatalogQuery<UserType> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || t.typname AS name,"
        + " CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range' ELSE 'composite type' END AS type,"
        + " ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels,"
        + " CASE t.typtype WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)"
        + "   WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid) END AS base,"
        + " t.typnotnull AS not_null, t.typdefault AS default_value,"
        + " ARRAY(SELECT con.conname || ': ' || pg_get_constraintdef(con.oid, true) FROM pg_constraint con"
        + "   WHERE con.contypid = t.oid ORDER BY con.conname)::text[] AS constraints,"
        + " ARRAY(SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
        + "   WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)::text[] AS fields,"
        + " obj_description(t.oid, 'pg_type') AS comment"
        + " FROM pg_type t JOIN s ON s.oid = t.typnamespace LEFT JOIN pg_class tr ON tr.oid = t.typrelid"
        + " WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND tr.relkind = 'c')) AND"
        + CatalogQuery.notFromExtension("pg_type", "t.oid");
  }

  @Override
  public UserType map(CatalogRow row) throws SQLException {
    return new UserType(
        row.text("name"),
        row.text("type"),
        row.list("labels"),
        row.optional("base"),
        row.flag("not_null"),
        row.optional("default_value"),
        row.list("constraints"),
        row.list("fields"),
        row.optional("comment"));
  }
}
