package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/** A column of a table, named {@code schema.table.column}. */
public record Column(
    String name,
    String table,
    String type,
    boolean notNull,
    Optional<String> defaultValue,
    Optional<String> identity,
    Optional<String> generated,
    Optional<String> collation,
    Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "column";
  }

  @Override
  public Optional<String> parent() {
    return Optional.of(SchemaObject.tableKey(table));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "type",
        type,
        "not null",
        notNull,
        "default",
        defaultValue,
        "identity",
        identity,
        "generated",
        generated,
        "collation",
        collation,
        "comment",
        comment);
  }
}
