package io.chartreuse.schema.catalog;

import io.chartreuse.schema.SchemaInfo;
import java.sql.SQLException;

final class SchemaQuery implements CatalogQuery<SchemaInfo> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT s.nspname AS name, obj_description(s.oid, 'pg_namespace') AS comment FROM s";
  }

  @Override
  public SchemaInfo map(CatalogRow row) throws SQLException {
    return new SchemaInfo(row.text("name"), row.optional("comment"));
  }
}
