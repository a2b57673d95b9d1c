package io.chartreuse.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table: ordinary, partitioned or foreign; its partitioning, inheritance, row-level security and
 * storage options. {@code columns} is the column order, compared by the diff only among the columns
 * both sides have (a missing column is named once, as a column).
 */
public record Table(
    String name,
    String type,
    boolean unlogged,
    Optional<String> partitionKey,
    Optional<String> partitionOf,
    Optional<String> partitionBound,
    List<String> inherits,
    boolean rowSecurity,
    boolean forceRowSecurity,
    List<String> options,
    List<String> columns,
    Optional<String> comment)
    implements SchemaObject {
  public Table {
    inherits = List.copyOf(inherits);
    options = options.stream().sorted().toList();
    columns = List.copyOf(columns);
  }

  @Override
  public String kind() {
    return "table";
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "type",
        type,
        "unlogged",
        unlogged,
        "partition key",
        partitionKey,
        "partition of",
        partitionOf,
        "partition bound",
        partitionBound,
        "inherits",
        inherits,
        "row level security",
        rowSecurity,
        "forced row level security",
        forceRowSecurity,
        "options",
        options,
        "comment",
        comment);
  }
}
