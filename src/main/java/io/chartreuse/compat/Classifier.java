package io.chartreuse.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a migration from the SQL that will run, statement by statement; a declared verdict
 * overrides.
 */
public final class Classifier {
  private Classifier() {}

  /**
   * {@code sql}: the statements that will run; {@code declaredIn}: where the author may have
   * declared a verdict (the SQL itself for Flyway, the revision's Python source for Alembic).
   */
  static MigrationVerdict classify(
      String version, String script, String sql, Optional<DeclaredVerdict> declared) {
    List<Finding> findings = new ArrayList<>();
    for (ScriptStatements.Statement statement : ScriptStatements.split(sql)) {
      StatementRules.judge(Lexer.tokens(statement.sql()))
          .forEach(f -> findings.add(f.at(statement.line())));
    }
    Verdict inferred =
        findings.stream().map(Finding::verdict).reduce(Verdict.COMPATIBLE, Verdict::and);
    Optional<Verdict> stated = declared.flatMap(DeclaredVerdict::verdict);
    return new MigrationVerdict(
        version,
        script,
        stated.orElse(inferred),
        stated.isPresent(),
        declared.map(DeclaredVerdict::reason),
        findings);
  }

  /** A Flyway SQL migration: its text is both what runs and where a verdict is declared. */
  public static MigrationVerdict sqlMigration(String version, String script, String sql) {
    return classify(version, script, sql, DeclaredVerdict.inSql(sql));
  }
}
