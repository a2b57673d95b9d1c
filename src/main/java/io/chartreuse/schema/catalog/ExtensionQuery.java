package io.chartreuse.schema.catalog;

import io.chartreuse.schema.Extension;
import java.sql.SQLException;

/** Extensions are database-wide: all of them, whichever schema they were installed in. */
final class ExtensionQuery implements CatalogQuery<Extension> {
  @Override
  public String sql(int serverMajorVersion) {
    return "SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema,"
        + " obj_description(e.oid, 'pg_extension') AS comment"
        + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace";
  }

  @Override
  public Extension map(CatalogRow row) throws SQLException {
    return new Extension(
        row.text("name"), row.text("version"), row.text("schema"), row.optional("comment"));
  }
}
