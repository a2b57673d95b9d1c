package io.chartreuse.schema.diff;

import io.chartreuse.schema.SchemaObject;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between an expected schema (stored after the last run, or replayed from the
 * migrations) and the actual one, in the snapshot's order (schemas, types, tables, columns, …). A
 * missing or added table is one finding: its columns, constraints, indexes and triggers are not
 * listed again.
 */
public record SchemaDiff(List<Difference> differences) {
  public SchemaDiff {
    differences = List.copyOf(differences);
  }

  public static SchemaDiff between(SchemaSnapshot expected, SchemaSnapshot actual) {
    Map<String, SchemaObject> before = byKey(expected);
    Map<String, SchemaObject> after = byKey(actual);
    Set<String> keys = new LinkedHashSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<Difference> differences = new ArrayList<>();
    for (String key : keys) {
      SchemaObject was = before.get(key);
      SchemaObject is = after.get(key);
      if (is == null) {
        if (!was.parent()
            .map(parent -> before.containsKey(parent) && !after.containsKey(parent))
            .orElse(false)) {
          differences.add(Difference.missing(was.kind(), was.name()));
        }
      } else if (was == null) {
        if (!is.parent()
            .map(parent -> after.containsKey(parent) && !before.containsKey(parent))
            .orElse(false)) {
          differences.add(Difference.added(is.kind(), is.name()));
        }
      } else {
        differences.addAll(properties(was, is));
      }
    }
    return new SchemaDiff(differences);
  }

  public boolean isEmpty() {
    return differences.isEmpty();
  }

  /** One line per finding, in an operator's words. */
  public List<String> lines() {
    return differences.stream().map(Difference::describe).toList();
  }

  private static List<Difference> properties(SchemaObject was, SchemaObject is) {
    List<Difference> differences = new ArrayList<>();
    Map<String, String> expected = was.attributes();
    Map<String, String> actual = is.attributes();
    for (String property : expected.keySet()) {
      if (!Objects.equals(expected.get(property), actual.get(property))) {
        differences.add(
            Difference.changed(
                was.kind(), was.name(), property, expected.get(property), actual.get(property)));
      }
    }
    if (was instanceof Table expectedTable && is instanceof Table actualTable) {
      ColumnOrder.change(expectedTable, actualTable).ifPresent(differences::add);
    }
    return differences;
  }

  private static Map<String, SchemaObject> byKey(SchemaSnapshot snapshot) {
    return snapshot
        .objects()
        .collect(
            Collectors.toMap(
                SchemaObject::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }
}
