package io.chartreuse.schema.diff;

import io.chartreuse.schema.Table;
import java.util.List;
import java.util.Optional;

/**
 * Column order matters ({@code SELECT *}, {@code INSERT} without a column list, {@code COPY}), but
 * a missing or added column is already a finding of its own; so the order is compared among the
 * columns both tables have.
 */
final class ColumnOrder {
  private ColumnOrder() {}

  static Optional<Difference> change(Table expected, Table actual) {
    List<String> was = expected.columns().stream().filter(actual.columns()::contains).toList();
    List<String> is = actual.columns().stream().filter(expected.columns()::contains).toList();
    if (was.equals(is)) {
      return Optional.empty();
    }
    return Optional.of(
        Difference.changed(
            expected.kind(),
            expected.name(),
            "column order",
            String.join(", ", was),
            String.join(", ", is)));
  }
}
