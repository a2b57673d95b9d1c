package io.chartreuse.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one statement's tokens front to back, the way the rules recognise its shape. */
final class Cursor {
  private final List<Token> tokens;
  private int at;

  Cursor(List<Token> tokens) {
    this.tokens = tokens;
  }

  boolean atEnd() {
    return at >= tokens.size();
  }

  Optional<Token> peek() {
    return atEnd() ? Optional.empty() : Optional.of(tokens.get(at));
  }

  boolean peekIs(String word) {
    return peek().filter(t -> t.is(word)).isPresent();
  }

  /** Consumes the words if the next tokens are exactly these words, in order. */
  boolean accept(String... words) {
    if (at + words.length > tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(at + i).is(words[i])) {
        return false;
      }
    }
    at += words.length;
    return true;
  }

  boolean acceptSymbol(String symbol) {
    if (peek().filter(t -> t.isSymbol(symbol)).isPresent()) {
      at++;
      return true;
    }
    return false;
  }

  /** Consumes whichever of the words comes next, if any. */
  Optional<String> acceptAny(String... words) {
    for (String word : words) {
      if (accept(word)) {
        return Optional.of(word);
      }
    }
    return Optional.empty();
  }

  Token take() {
    return tokens.get(at++);
  }

  /**
   * A possibly qualified name ({@code schema.table}, quoted parts kept as PostgreSQL sees them), or
   * "?".
   */
  String name() {
    StringBuilder name = new StringBuilder();
    while (!atEnd() && tokens.get(at).identifier()) {
      name.append(take().display());
      if (!acceptSymbol(".")) {
        break;
      }
      name.append('.');
    }
    return name.isEmpty() ? "?" : name.toString();
  }

  /** Skips a parenthesised group if one comes next (a function's argument list). */
  void skipParens() {
    if (peek().filter(t -> t.isSymbol("(")).isEmpty()) {
      return;
    }
    int depth = 0;
    do {
      Token token = take();
      depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
    } while (depth > 0 && !atEnd());
  }

  /** The rest, split at commas outside parentheses: the actions of an ALTER TABLE. */
  List<Cursor> splitRest() {
    List<Cursor> parts = new ArrayList<>();
    int depth = 0;
    int start = at;
    for (; at < tokens.size(); at++) {
      Token token = tokens.get(at);
      depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
      if (depth == 0 && token.isSymbol(",")) {
        parts.add(new Cursor(tokens.subList(start, at)));
        start = at + 1;
      }
    }
    parts.add(new Cursor(tokens.subList(start, tokens.size())));
    return parts;
  }

  /** The remaining tokens, not consumed. */
  List<Token> rest() {
    return tokens.subList(at, tokens.size());
  }

  /** Whether the word occurs in the rest outside parentheses. */
  boolean restHasWord(String word) {
    int depth = 0;
    for (Token token : rest()) {
      depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
      if (depth == 0 && token.is(word)) {
        return true;
      }
    }
    return false;
  }
}
