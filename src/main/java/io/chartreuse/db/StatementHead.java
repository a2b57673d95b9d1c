package io.chartreuse.db;

import java.util.Optional;

/**
 * The first words of a statement another session runs, as the wait for it shows them: enough to
 * recognise it ({@code CREATE INDEX CONCURRENTLY users_email}), never a literal, which may hold a
 * password.
 */
final class StatementHead {
  private static final int WORDS = 5;

  private StatementHead() {}

  static Optional<String> of(String query) {
    if (query == null || query.isBlank()) {
      return Optional.empty();
    }
    String beforeLiterals =
        query.split("['$]", 2)[0].replaceAll("(?s)--[^\n]*|/\\*.*?\\*/", " ").strip();
    String[] words = beforeLiterals.split("\\s+");
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < Math.min(WORDS, words.length); i++) {
      head.append(i == 0 ? "" : " ").append(words[i]);
    }
    return head.isEmpty()
        ? Optional.empty()
        : Optional.of(head + (words.length > WORDS ? " …" : ""));
  }
}
