package io.chartreuse.schema;

import java.util.Map;
import java.util.Optional;

/** A schema (namespace). */
public record SchemaInfo(String name, Optional<String> comment) implements SchemaObject {
  @Override
  public String kind() {
    return "schema";
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes("comment", comment);
  }
}
