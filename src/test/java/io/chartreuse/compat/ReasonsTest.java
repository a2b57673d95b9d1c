package io.chartreuse.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The words a reviewer reads: file, line, statement, why; and declared verdicts. */
class ReasonsTest {
  private static final String CLEANUP =
      String.join(
          "\n",
          "-- remove what the new release no longer reads",
          "CREATE TABLE archive (id int);",
          "ALTER TABLE orders",
          "  DROP COLUMN note;",
          "ALTER TABLE \"Shop\".\"Orders\" RENAME COLUMN \"Total\" TO amount;");

  @Test
  void reasonsNameFileLineStatementAndWhy() {
    MigrationVerdict verdict = Classifier.sqlMigration("12", "V12__cleanup.sql", CLEANUP);
    assertEquals(Verdict.BREAKING, verdict.verdict());
    assertFalse(verdict.declared());
    assertEquals(
        List.of(
            "V12__cleanup.sql:3 DROP COLUMN orders.note - running code that reads it fails",
            "V12__cleanup.sql:5 RENAME COLUMN \"Shop\".\"Orders\".\"Total\" - running code that uses the old name fails"),
        verdict.reasons());
  }

  @Test
  void lockRiskIsReportedOnCompatibleStatements() {
    MigrationVerdict verdict =
        Classifier.sqlMigration("3", "V3__index.sql", "CREATE INDEX orders_note ON orders (note);");
    assertEquals(Verdict.COMPATIBLE, verdict.verdict());
    assertEquals(
        List.of(
            "V3__index.sql:1 CREATE INDEX orders_note ON orders - an index does not change what running code reads or writes; "
                + "risk: "
                + Locks.INDEX_BUILD),
        verdict.reasons());
  }

  @Test
  void declaredCompatibleOverridesAndIsShownAsDeclared() {
    String sql =
        "-- chartreuse: compatible — the column was unused since release 41\nALTER TABLE orders DROP COLUMN note;";
    MigrationVerdict verdict = Classifier.sqlMigration("12", "V12__cleanup.sql", sql);
    assertEquals(Verdict.COMPATIBLE, verdict.verdict());
    assertTrue(verdict.declared());
    assertEquals(
        "V12__cleanup.sql declared compatible: the column was unused since release 41",
        verdict.reasons().get(0));
    assertEquals("12 compatible (declared)", verdict.summary());
    assertEquals(
        Verdict.BREAKING,
        verdict.findings().get(0).verdict(),
        "the inferred findings stay visible");
  }

  @Test
  void declaredBreakingOverridesACompatibleInference() {
    String sql =
        "/* x */\n-- CHARTREUSE: Breaking: new code writes rows the old code cannot read\nINSERT INTO kinds VALUES ('x');";
    MigrationVerdict verdict = Classifier.sqlMigration("4", "V4__kinds.sql", sql);
    assertEquals(Verdict.BREAKING, verdict.verdict());
    assertTrue(verdict.declared());
    assertEquals(
        "V4__kinds.sql declared breaking: new code writes rows the old code cannot read",
        verdict.reasons().get(0));
  }

  @Test
  void aMistypedDeclarationIsReportedAndIgnored() {
    MigrationVerdict verdict =
        Classifier.sqlMigration("5", "V5__x.sql", "-- chartreuse: compatable\nDROP TABLE t;");
    assertEquals(Verdict.BREAKING, verdict.verdict());
    assertFalse(verdict.declared());
    assertTrue(
        verdict.reasons().get(0).contains("'compatable' is not compatible or breaking: ignored"),
        verdict.reasons().toString());
  }

  @Test
  void declarationInAPythonDocstringOrComment() {
    assertEquals(
        Verdict.COMPATIBLE,
        DeclaredVerdict.inPython(
                "\"\"\"add notes\n\nchartreuse: compatible only adds a table\n\"\"\"\n")
            .orElseThrow()
            .verdict()
            .orElseThrow());
    DeclaredVerdict comment =
        DeclaredVerdict.inPython("revision = 'a'\n# chartreuse: breaking drops orders.note\n")
            .orElseThrow();
    assertEquals(Verdict.BREAKING, comment.verdict().orElseThrow());
    assertEquals("drops orders.note", comment.reason());
  }

  @Test
  void placeholdersAndCopyDataDoNotConfuseTheSplit() {
    String sql =
        "CREATE TABLE ${flyway:defaultSchema}.a (id int);\nCOPY a (id) FROM stdin;\n1\n2\n\\.\nALTER TABLE a DROP COLUMN id;";
    List<Finding> findings = Classifier.sqlMigration("6", "V6__copy.sql", sql).findings();
    assertEquals(Verdict.BREAKING, findings.get(findings.size() - 1).verdict());
    assertEquals(6, findings.get(findings.size() - 1).line());
  }
}
