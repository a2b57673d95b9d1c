package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/**
 * An index, named {@code schema.index} (index names are unique per schema). The definition is
 * PostgreSQL's {@code CREATE INDEX} rendering (method, columns, uniqueness, partial predicate);
 * {@code valid} is false after a failed {@code CREATE INDEX CONCURRENTLY}.
 */
public record Index(
    String name,
    String table,
    String definition,
    boolean unique,
    boolean primary,
    Optional<String> predicate,
    boolean valid,
    Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "index";
  }

  @Override
  public Optional<String> parent() {
    return Optional.of(SchemaObject.tableKey(table));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "table", table, "definition", definition, "valid", valid, "comment", comment);
  }
}
