package io.chartreuse.schema.catalog;

import java.sql.SQLException;

/**
 * One catalog query that reads every object of one kind at once, so a snapshot costs a fixed number
 * of queries whatever the number of objects. Each query starts from {@link #COVERED}: {@code p}
 * holds the two parameters (wanted schemas, or null for all; excluded table names), {@code s} the
 * covered schemas.
 */
interface CatalogQuery<T> {
  String COVERED =
      "WITH p AS (SELECT ?::text[] AS wanted, ?::text[] AS excluded),"
          + " s AS (SELECT n.oid, n.nspname FROM pg_namespace n, p WHERE n.nspname !~ '^pg_'"
          + " AND n.nspname <> 'information_schema' AND (p.wanted IS NULL OR n.nspname = ANY (p.wanted))) ";

  /** The query after {@link #COVERED}, for a server of this major version. */
  String sql(int serverMajorVersion);

  T map(CatalogRow row) throws SQLException;

  /**
   * A condition true when the object is not a member of an extension (extensions are compared by
   * version).
   */
  static String notFromExtension(String catalog, String oid) {
    return " NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '"
        + catalog
        + "'::regclass AND x.objid = "
        + oid
        + " AND x.deptype = 'e') ";
  }
}
