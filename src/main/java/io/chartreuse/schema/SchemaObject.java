package io.chartreuse.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One object of a schema snapshot. Its {@link #name} is its identity (schema-qualified, the table
 * for objects that live on a table, the argument types for routines), never an OID, so that two
 * databases built by the same migrations name their objects alike. {@link #attributes} are what a
 * diff compares and shows an operator, in words.
 */
public interface SchemaObject {
  /** The kind in an operator's words: {@code table}, {@code column}, {@code index}, … */
  @JsonIgnore
  String kind();

  String name();

  /** {@code kind name}: unique within a snapshot. */
  @JsonIgnore
  default String key() {
    return kind() + " " + name();
  }

  /**
   * The key of the object this one lives on (a column's table), so a diff names a missing table,
   * not each of its columns.
   */
  @JsonIgnore
  default Optional<String> parent() {
    return Optional.empty();
  }

  /** The compared properties, in display order; an absent value is "none". */
  @JsonIgnore
  Map<String, String> attributes();

  /**
   * Builds an attribute map from name/value pairs: Optionals unwrapped, collections joined with ",
   * ".
   */
  static Map<String, String> attributes(Object... namesAndValues) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value instanceof Optional<?> optional) {
        value = optional.orElse(null);
      }
      if (value instanceof Collection<?> collection) {
        value =
            collection.isEmpty()
                ? null
                : String.join(", ", collection.stream().map(String::valueOf).toList());
      }
      attributes.put((String) namesAndValues[i], value == null ? null : String.valueOf(value));
    }
    return attributes;
  }

  /** The key of the table {@code schema.table}, the parent of what lives on it. */
  static String tableKey(String qualifiedTable) {
    return "table " + qualifiedTable;
  }
}
