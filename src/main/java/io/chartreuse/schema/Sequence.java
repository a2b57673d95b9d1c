package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/**
 * A sequence's definition (never its current value, which is data); {@code ownedBy} is {@code
 * schema.table.column}.
 */
public record Sequence(
    String name,
    String type,
    long start,
    long increment,
    long minimum,
    long maximum,
    long cache,
    boolean cycle,
    Optional<String> ownedBy,
    Optional<String> comment)
    implements SchemaObject {
  @Override
  public String kind() {
    return "sequence";
  }

  /** A sequence owned by a column goes with its table. */
  @Override
  public Optional<String> parent() {
    return ownedBy.map(
        column -> SchemaObject.tableKey(column.substring(0, column.lastIndexOf('.'))));
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "type",
        type,
        "start",
        start,
        "increment",
        increment,
        "minimum",
        minimum,
        "maximum",
        maximum,
        "cache",
        cache,
        "cycle",
        cycle,
        "owned by",
        ownedBy,
        "comment",
        comment);
  }
}
