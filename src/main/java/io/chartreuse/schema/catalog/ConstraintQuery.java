package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Constraint;
import java.sql.SQLException;

/**
 * Table constraints (NOT NULL is a column property; constraint triggers are triggers; domain checks
 * go with the domain).
 */
final class ConstraintQuery implements CatalogQuery<Constraint> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname || '.' || c.relname AS table_name, con.conname AS constraint_name,"
        + " CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'"
        + "   WHEN 'c' THEN 'check' ELSE 'exclusion' END AS type,"
        + " pg_get_constraintdef(con.oid, true) AS definition,"
        + " CASE WHEN NOT con.condeferrable THEN 'no' WHEN con.condeferred THEN 'initially deferred'"
        + "   ELSE 'initially immediate' END AS deferrable,"
        + " con.convalidated AS validated, obj_description(con.oid, 'pg_constraint') AS comment"
        + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN s ON s.oid = c.relnamespace CROSS JOIN p"
        + " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relname <> ALL (p.excluded) AND"
        + CatalogQuery.notFromExtension("pg_class", "c.oid");
  }

  @Override
  public Constraint map(CatalogRow row) throws SQLException {
    String table = row.text("table_name");
    return new Constraint(
        table + "." + row.text("constraint_name"),
        table,
        row.text("type"),
        row.text("definition"),
        row.text("deferrable"),
        row.flag("validated"),
        row.optional("comment"));
  }
}
