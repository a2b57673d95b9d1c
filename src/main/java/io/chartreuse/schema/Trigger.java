package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/**
 * A trigger on a table or view, named {@code schema.table.trigger}; the definition is PostgreSQL's
 * rendering.
 */
public record Trigger(
    String name, String table, String definition, String enabled, Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "trigger";
  }

  @Override
  public Optional<String> parent() {
    return Optional.of(SchemaObject.tableKey(table));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "definition", definition, "enabled", enabled, "comment", comment);
  }
}
