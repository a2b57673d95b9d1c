package io.chartreuse.schema.diff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an object of the actual schema differs from the expected one. */
public enum Change {
  /** Expected but not there (dropped or renamed by hand, or a migration step that did not run). */
  MISSING,
  /** There but not expected (created by hand). */
  ADDED,
  /** In both, with a property that differs. */
  CHANGED;

  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
