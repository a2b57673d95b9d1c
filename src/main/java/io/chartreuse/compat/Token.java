package io.chartreuse.compat;

/**
 * One lexical token of a PostgreSQL statement. {@code WORD} is an unquoted identifier or keyword,
 * folded to lower case as PostgreSQL folds it; {@code NAME} a quoted identifier as written (quotes
 * removed); {@code STRING} any literal ('', E'', $tag$…$tag$), its text being the raw literal.
 */
record Token(Kind kind, String text) {
  enum Kind {
    WORD,
    NAME,
    STRING,
    NUMBER,
    SYMBOL
  }

  boolean is(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  boolean identifier() {
    return kind == Kind.WORD || kind == Kind.NAME;
  }

  /** How a name is shown: as PostgreSQL folds it, quoted only where it has to be. */
  String display() {
    if (kind == Kind.NAME && !text.matches("[a-z_][a-z0-9_$]*")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }
}
