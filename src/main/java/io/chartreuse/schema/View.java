package io.chartreuse.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A view or materialized view; the definition is PostgreSQL's normalized rendering of its query.
 */
public record View(
    String name,
    boolean materialized,
    String definition,
    List<String> options,
    Optional<String> comment)
    implements SchemaObject {
  public View {
    options = options.stream().sorted().toList();
  }

  @Override
  public String kind() {
    return materialized ? "materialized view" : "view";
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "definition", definition, "options", options, "comment", comment);
  }
}
