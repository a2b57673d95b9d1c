package io.chartreuse.schema.diff;

import java.util.Optional;

/**
 * One finding of a schema diff: an object missing, added, or one of its properties changed, with
 * the expected and actual values of that property.
 */
public record Difference(
    String kind,
    String name,
    Change change,
    Optional<String> property,
    Optional<String> expected,
    Optional<String> actual) {
  /** Values longer than this, or on several lines, are named as changed rather than printed. */
  private static final int SHOWN_LENGTH = 200;

  static Difference missing(String kind, String name) {
    return new Difference(
        kind, name, Change.MISSING, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Difference added(String kind, String name) {
    return new Difference(
        kind, name, Change.ADDED, Optional.empty(), Optional.empty(), Optional.empty());
  }

  static Difference changed(
      String kind, String name, String property, String expected, String actual) {
    return new Difference(
        kind,
        name,
        Change.CHANGED,
        Optional.of(property),
        Optional.ofNullable(expected),
        Optional.ofNullable(actual));
  }

  /** {@code kind name} of the object, as in a snapshot. */
  public String objectKey() {
    return kind + " " + name;
  }

  /**
   * In an operator's words: {@code column public.orders.total: type numeric(10,2) ->
   * numeric(12,2)}.
   */
  public String describe() {
    String what = kind + " " + name + ": ";
    return switch (change) {
      case MISSING -> what + "missing";
      case ADDED -> what + "added";
      case CHANGED ->
          what
              + property.orElseThrow()
              + (shown(expected) && shown(actual)
                  ? " " + expected.orElse("none") + " -> " + actual.orElse("none")
                  : " changed");
    };
  }

  /**
   * Whether a value is short enough to print in a one-line finding (a body's hash never is: it says
   * nothing).
   */
  private boolean shown(Optional<String> value) {
    return !property.orElse("").equals("body")
        && value.map(text -> text.length() <= SHOWN_LENGTH && !text.contains("\n")).orElse(true);
  }
}
