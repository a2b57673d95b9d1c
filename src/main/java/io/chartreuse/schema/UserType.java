package io.chartreuse.schema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A type defined in the database: an enum (its labels in order), a domain (base type, NOT NULL,
 * default, named constraints), a composite type (its attributes) or a range (its subtype).
 */
public record UserType(
    String name,
    String type,
    List<String> labels,
    Optional<String> base,
    boolean notNull,
    Optional<String> defaultValue,
    List<String> constraints,
    List<String> fields,
    Optional<String> comment)
    implements SchemaObject {
  public UserType {
    labels = List.copyOf(labels);
    constraints = List.copyOf(constraints);
    fields = List.copyOf(fields);
  }

  @Override
  public String kind() {
    return type;
  }

  @Override
  public Map<String, String> attributes() {
    return SchemaObject.attributes(
        "labels",
        labels,
        "base type",
        base,
        "not null",
        notNull,
        "default",
        defaultValue,
        "constraints",
        constraints,
        "fields",
        fields,
        "comment",
        comment);
  }
}
