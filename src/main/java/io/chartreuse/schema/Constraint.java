package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/**
 * A primary key, unique, foreign key, check or exclusion constraint of a table, named {@code
 * schema.table.constraint}. The definition is PostgreSQL's own rendering, which carries
 * deferrability and NOT VALID; the two flags repeat them for readers of the JSON.
 */
public record Constraint(
    String name,
    String table,
    String type,
    String definition,
    String deferrable,
    boolean validated,
    Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "constraint";
  }

  @Override
  public Optional<String> parent() {
    return Optional.of(SchemaObject.tableKey(table));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes("type", type, "definition", definition, "comment", comment);
  }
}
