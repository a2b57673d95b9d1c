package io.chartreuse.engine.flyway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionScreenTest {
  @TempDir Path dir;

  @Test
  void ordinaryDdlAndDataNeedNoParsing() throws IOException {
    assertTrue(
        screen(
            "V1__a.sql",
            "CREATE TABLE system_user (id int);\nINSERT INTO system_user VALUES (1);\n"));
  }

  @Test
  void scriptsThatMayRefuseATransactionAreLeftToFlyway() throws IOException {
    assertFalse(screen("V2__b.sql", "create index concurrently i on t (c);"));
    assertFalse(screen("V3__c.sql", "ALTER TYPE mood ADD VALUE 'sad';"));
    assertFalse(screen("V4__d.sql", "VACUUM t;"));
    assertFalse(
        screen("V5__e.sql", "-- flyway:executeInTransaction=false\nCREATE TABLE t (id int);"));
    assertFalse(screen("V6__f.sql", "${statement};"));
  }

  @Test
  void aConfSidecarOrAnUnreadableScriptIsLeftToFlyway() throws IOException {
    Path script = dir.resolve("V7__g.sql");
    Files.writeString(script, "CREATE TABLE t (id int);");
    Files.writeString(dir.resolve("V7__g.sql.conf"), "executeInTransaction=false\n");
    assertFalse(TransactionScreen.plainlyTransactional(script.toString()));
    assertFalse(TransactionScreen.plainlyTransactional(dir.resolve("missing.sql").toString()));
    assertFalse(TransactionScreen.plainlyTransactional(null));
  }

  private boolean screen(String name, String text) throws IOException {
    Path script = dir.resolve(name);
    Files.writeString(script, text);
    return TransactionScreen.plainlyTransactional(script.toString());
  }
}
