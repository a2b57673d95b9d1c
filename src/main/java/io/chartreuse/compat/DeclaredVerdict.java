package io.chartreuse.compat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A verdict the migration's author states: {@code -- chartreuse: compatible <reason>} in a SQL
 * script; in an Alembic revision a {@code # chartreuse: …} comment or a {@code chartreuse: …} line
 * of its docstring. A word other than compatible or breaking is not a declaration; it is reported
 * so that a typo is seen.
 */
public record DeclaredVerdict(Optional<Verdict> verdict, String reason) {
  private static final Pattern SQL =
      Pattern.compile("(?im)^\\s*--\\s*chartreuse:\\s*(\\S+)\\s*(.*)$");
  private static final Pattern PYTHON =
      Pattern.compile("(?im)^\\s*#?\\s*chartreuse:\\s*(\\S+)\\s*(.*)$");

  static Optional<DeclaredVerdict> inSql(String script) {
    return find(SQL.matcher(script));
  }

  static Optional<DeclaredVerdict> inPython(String source) {
    return find(PYTHON.matcher(source));
  }

  private static Optional<DeclaredVerdict> find(Matcher matcher) {
    if (!matcher.find()) {
      return Optional.empty();
    }
    String word = matcher.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String reason =
        matcher
            .group(2)
            .replaceFirst("^[—–:,-]+\\s*", "")
            .replaceFirst("\\s*(\"\"\"|''')\\s*$", "")
            .strip();
    Optional<Verdict> verdict =
        switch (word) {
          case "compatible" -> Optional.of(Verdict.COMPATIBLE);
          case "breaking" -> Optional.of(Verdict.BREAKING);
          default -> Optional.empty();
        };
    return Optional.of(
        new DeclaredVerdict(
            verdict,
            verdict.isPresent()
                ? reason
                : "'" + matcher.group(1) + "' is not compatible or breaking: ignored"));
  }
}
