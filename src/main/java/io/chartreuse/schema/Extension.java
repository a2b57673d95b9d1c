package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/**
 * An installed extension; the objects it brings are left out of the snapshot (its version stands
 * for them).
 */
public record Extension(String name, String version, String schema, Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "extension";
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes("version", version, "schema", schema, "comment", comment);
  }
}
