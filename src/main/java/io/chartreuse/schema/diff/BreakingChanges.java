package io.chartreuse.schema.diff;

import io.chartreuse.schema.Column;
import io.chartreuse.schema.Constraint;
import io.chartreuse.schema.Index;
import io.chartreuse.schema.SchemaObject;
import io.chartreuse.schema.SchemaSnapshot;
import io.chartreuse.schema.UserType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between two snapshots that break code written for the first one: what the rules
 * of docs/compatibility.md call breaking, read from the schema a migration actually produced
 * instead of its SQL. Used to check a verdict after a migration ran with the application up.
 */
public final class BreakingChanges {
  /** Objects running code names in its queries: dropping or renaming one breaks it. */
  private static final Set<String> USED_BY_NAME =
      Set.of(
          "schema",
          "table",
          "column",
          "view",
          "materialized view",
          "sequence",
          "function",
          "procedure",
          "aggregate",
          "window function",
          "enum",
          "domain",
          "composite",
          "range");

  /** One breaking difference and why, in words. */
  public record Change(Difference difference, String why) {
    public String describe() {
      return difference.describe() + " - " + why;
    }
  }

  private BreakingChanges() {}

  public static List<Change> between(SchemaSnapshot before, SchemaSnapshot after) {
    Map<String, SchemaObject> added =
        after
            .objects()
            .collect(Collectors.toMap(SchemaObject::key, Function.identity(), (a, b) -> a));
    List<Change> changes = new ArrayList<>();
    for (Difference difference : SchemaDiff.between(before, after).differences()) {
      why(difference, added.get(difference.objectKey()))
          .ifPresent(why -> changes.add(new Change(difference, why)));
    }
    return changes;
  }

  private static Optional<String> why(Difference difference, SchemaObject now) {
    return switch (difference.change()) {
      case MISSING ->
          USED_BY_NAME.contains(difference.kind())
              ? Optional.of("dropped or renamed: running code that uses it fails")
              : Optional.empty();
      case ADDED -> added(now);
      case CHANGED -> changed(difference, now);
    };
  }

  private static Optional<String> added(SchemaObject now) {
    if (now instanceof Column column
        && column.notNull()
        && column.defaultValue().isEmpty()
        && column.identity().isEmpty()
        && column.generated().isEmpty()) {
      return Optional.of("NOT NULL without a default: running code's inserts do not set it");
    }
    if (now instanceof Constraint constraint && constraint.validated()) {
      return Optional.of(
          "a validated " + constraint.type() + ": running code's writes may violate it");
    }
    if (now instanceof Index index && index.definition().startsWith("CREATE UNIQUE INDEX")) {
      return Optional.of("a unique index: running code's writes may violate it");
    }
    return Optional.empty();
  }

  private static Optional<String> changed(Difference difference, SchemaObject now) {
    String property = difference.property().orElse("");
    String was = difference.expected().orElse("");
    String is = difference.actual().orElse("");
    if (now instanceof Column) {
      return switch (property) {
        case "type" -> Optional.of("running code reads and writes values of the old type");
        case "not null" ->
            "true".equals(is)
                ? Optional.of("SET NOT NULL: running code's inserts that leave it NULL fail")
                : Optional.empty();
        case "default" ->
            difference.actual().isEmpty()
                ? Optional.of("DROP DEFAULT: running code's inserts that omit it get no value")
                : Optional.empty();
        default -> Optional.empty();
      };
    }
    if (now instanceof UserType && property.equals("labels") && !keepsAll(was, is)) {
      return Optional.of("an enum value removed or renamed: running code that writes it fails");
    }
    if (now instanceof Constraint constraint
        && property.equals("definition")
        && constraint.validated()
        && !withoutNotValid(was).equals(is)) {
      return Optional.of("the constraint changed: running code's writes may violate it");
    }
    return Optional.empty();
  }

  /** An enum keeps every label it had (new ones may be added anywhere). */
  private static boolean keepsAll(String was, String is) {
    return Arrays.asList(is.split(", ")).containsAll(Arrays.asList(was.split(", ")));
  }

  private static String withoutNotValid(String definition) {
    return definition.replace(" NOT VALID", "");
  }
}
