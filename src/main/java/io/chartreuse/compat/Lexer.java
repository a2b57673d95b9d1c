package io.chartreuse.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's lexical rules for one statement (Flyway's parser has already split the script):
 * comments (nested block comments too) are dropped, string literals in all their forms ('', E''
 * with backslash escapes, U&'', B'', X'', dollar quoting) become single tokens, so that keywords
 * inside them are never read as statements. Flyway's own tokens cannot serve: they drop quoted
 * names and literal text.
 */
final class Lexer {
  private final String sql;
  private int at;

  private Lexer(String sql) {
    this.sql = sql;
  }

  static List<Token> tokens(String sql) {
    return new Lexer(sql).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipBlanksAndComments();
      if (at >= sql.length()) {
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipBlanksAndComments() {
    while (at < sql.length()) {
      if (Character.isWhitespace(sql.charAt(at))) {
        at++;
      } else if (sql.startsWith("--", at)) {
        int end = sql.indexOf('\n', at);
        at = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", at)) {
        skipBlockComment();
      } else {
        return;
      }
    }
  }

  private void skipBlockComment() {
    int depth = 0;
    do {
      if (sql.startsWith("/*", at)) {
        depth++;
        at += 2;
      } else if (sql.startsWith("*/", at)) {
        depth--;
        at += 2;
      } else {
        at++;
      }
    } while (depth > 0 && at < sql.length());
  }

  private Token next() {
    char c = sql.charAt(at);
    int start = at;
    if (c == '\'') {
      quoted('\'', false);
      return new Token(Token.Kind.STRING, sql.substring(start, at));
    }
    if (c == '"') {
      return new Token(Token.Kind.NAME, quoted('"', false));
    }
    if (c == '$' && dollarTag() != null) {
      String tag = dollarTag();
      int end = sql.indexOf(tag, at + tag.length());
      at = end < 0 ? sql.length() : end + tag.length();
      return new Token(Token.Kind.STRING, sql.substring(start, at));
    }
    if (prefixedLiteral()) {
      boolean escapes = Character.toUpperCase(c) == 'E';
      at += Character.toUpperCase(c) == 'U' ? 2 : 1;
      if (sql.charAt(at) == '"') {
        return new Token(Token.Kind.NAME, quoted('"', false));
      }
      quoted('\'', escapes);
      return new Token(Token.Kind.STRING, sql.substring(start, at));
    }
    if (Character.isLetter(c) || c == '_' || c > 127) {
      while (at < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(at))
              || "_$".indexOf(sql.charAt(at)) >= 0
              || sql.charAt(at) > 127)) {
        at++;
      }
      return new Token(Token.Kind.WORD, sql.substring(start, at).toLowerCase(Locale.ROOT));
    }
    if (Character.isDigit(c)) {
      while (at < sql.length()
          && (Character.isLetterOrDigit(sql.charAt(at)) || sql.charAt(at) == '.')) {
        at++;
      }
      return new Token(Token.Kind.NUMBER, sql.substring(start, at));
    }
    at++;
    if (c == ':' && at < sql.length() && sql.charAt(at) == ':') {
      at++;
    }
    return new Token(Token.Kind.SYMBOL, sql.substring(start, at));
  }

  /** E'…', U&'…', U&"…", B'…', X'…', N'…'. */
  private boolean prefixedLiteral() {
    char c = Character.toUpperCase(sql.charAt(at));
    if (at + 1 >= sql.length()) {
      return false;
    }
    if (c == 'U'
        && sql.startsWith("&", at + 1)
        && at + 2 < sql.length()
        && "'\"".indexOf(sql.charAt(at + 2)) >= 0) {
      return true;
    }
    return "EBXN".indexOf(c) >= 0
        && sql.charAt(at + 1) == '\''
        && (at == 0 || !wordChar(sql.charAt(at - 1)));
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /**
   * Reads a quoted run from the opening quote; a doubled quote is one quote. Returns the content.
   */
  private String quoted(char quote, boolean backslashEscapes) {
    StringBuilder content = new StringBuilder();
    at++;
    while (at < sql.length()) {
      char c = sql.charAt(at++);
      if (backslashEscapes && c == '\\' && at < sql.length()) {
        content.append(sql.charAt(at++));
      } else if (c == quote) {
        if (at < sql.length() && sql.charAt(at) == quote) {
          content.append(quote);
          at++;
        } else {
          return content.toString();
        }
      } else {
        content.append(c);
      }
    }
    return content.toString();
  }

  /** "$$" or "$tag$" at the cursor, or null ($1 is a parameter, not a quote). */
  private String dollarTag() {
    int end = at + 1;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end))
            || sql.charAt(end) == '_'
            || sql.charAt(end) > 127)) {
      end++;
    }
    if (end >= sql.length()
        || sql.charAt(end) != '$'
        || (end > at + 1 && Character.isDigit(sql.charAt(at + 1)))) {
      return null;
    }
    return sql.substring(at, end + 1);
  }
}
