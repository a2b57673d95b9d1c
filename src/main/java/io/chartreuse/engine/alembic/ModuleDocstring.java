package io.chartreuse.engine.alembic;

import java.util.Optional;

/**
 * A Python module's docstring: its first statement when that is a string literal, after blank lines
 * and comments (a licence header, an encoding line). Alembic's message for a revision is the
 * docstring, stripped, up to the first blank line ({@code Script.doc}).
 */
final class ModuleDocstring {
  private ModuleDocstring() {}

  /** Alembic's {@code doc}: empty when the module has no docstring. */
  static String message(String source) {
    String doc = docstring(source.replace("\r\n", "\n")).orElse("").strip();
    int paragraph = doc.indexOf("\n\n");
    return paragraph < 0 ? doc : doc.substring(0, paragraph);
  }

  static Optional<String> docstring(String source) {
    int i = source.startsWith("\uFEFF") ? 1 : 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (c == '#') {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end + 1;
      } else if (Character.isWhitespace(c)
          || (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == '\n')) {
        i += c == '\\' ? 2 : 1;
      } else {
        break;
      }
    }
    boolean raw = false;
    while (i < source.length() && "rRuU".indexOf(source.charAt(i)) >= 0) {
      raw |= Character.toLowerCase(source.charAt(i)) == 'r';
      i++;
    }
    if (i >= source.length() || (source.charAt(i) != '"' && source.charAt(i) != '\'')) {
      return Optional.empty();
    }
    String quote =
        source.startsWith("\"\"\"", i) || source.startsWith("'''", i)
            ? source.substring(i, i + 3)
            : source.substring(i, i + 1);
    return literal(source, i + quote.length(), quote, raw);
  }

  private static Optional<String> literal(String source, int start, String quote, boolean raw) {
    StringBuilder value = new StringBuilder();
    int i = start;
    while (i < source.length()) {
      if (source.startsWith(quote, i)) {
        return Optional.of(value.toString());
      }
      char c = source.charAt(i);
      if (c == '\n' && quote.length() == 1) {
        return Optional.empty();
      }
      if (c == '\\' && i + 1 < source.length()) {
        char next = source.charAt(i + 1);
        if (raw) {
          value.append(c).append(next);
        } else {
          switch (next) {
            case '\n' -> {}
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case '\\', '\'', '"' -> value.append(next);
            default -> value.append(c).append(next);
          }
        }
        i += 2;
        continue;
      }
      value.append(c);
      i++;
    }
    return Optional.empty();
  }
}
