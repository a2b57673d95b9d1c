package io.chartreuse.schema;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The schema of a PostgreSQL database as its catalogs describe it, normalized: objects by name (no
 * OIDs), each list sorted by name, so that two databases built by the same migrations give equal
 * snapshots ({@link #equals}) and the same JSON. {@code schemas} are the schemas covered.
 */
public record SchemaSnapshot(
    int format,
    List<SchemaInfo> schemas,
    List<Extension> extensions,
    List<UserType> types,
    List<Table> tables,
    List<Column> columns,
    List<Constraint> constraints,
    List<Index> indexes,
    List<Sequence> sequences,
    List<View> views,
    List<Routine> routines,
    List<Trigger> triggers,
    List<Policy> policies) {
  /**
   * Raised when a field is added or a rendering changes, so a stored snapshot of another format is
   * not compared blindly.
   */
  public static final int FORMAT = 1;

  public SchemaSnapshot {
    schemas = sorted(schemas);
    extensions = sorted(extensions);
    types = sorted(types);
    tables = sorted(tables);
    columns = sorted(columns);
    constraints = sorted(constraints);
    indexes = sorted(indexes);
    sequences = sorted(sequences);
    views = sorted(views);
    routines = sorted(routines);
    triggers = sorted(triggers);
    policies = sorted(policies);
  }

  /** Every object, kinds in dependency order (schemas first), each kind by name. */
  public Stream<SchemaObject> objects() {
    return Stream.of(
            schemas,
            extensions,
            types,
            tables,
            columns,
            constraints,
            indexes,
            sequences,
            views,
            routines,
            triggers,
            policies)
        .flatMap(List::stream);
  }

  private static <T extends SchemaObject> List<T> sorted(List<T> objects) {
    return objects.stream().sorted(Comparator.comparing(SchemaObject::name)).toList();
  }
}
