package io.chartreuse.engine.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexStatementTest {
  @Test
  void readsTheIndexTheTableAndTheRest() {
    IndexStatement index =
        IndexStatement.parse(
                "-- why\n/* more */ create unique index concurrently if not exists \"Users_Email\" on only public.users using btree (lower(email)) where active;")
            .orElseThrow();
    assertTrue(index.unique());
    assertEquals("Users_Email", index.index());
    assertEquals("public.users", index.table());
    assertEquals(
        "CREATE UNIQUE INDEX s ON pg_temp.t using btree (lower(email)) where active",
        index.on("s", "pg_temp.t"));
  }

  @Test
  void unquotedNamesFoldToLowerCase() {
    assertEquals(
        "users_email",
        IndexStatement.parse("CREATE INDEX CONCURRENTLY Users_Email ON Users (email)")
            .orElseThrow()
            .index());
  }

  @Test
  void readsADrop() {
    IndexStatement drop =
        IndexStatement.parse("DROP INDEX CONCURRENTLY IF EXISTS app.\"Old\" CASCADE;")
            .orElseThrow();
    assertTrue(drop.drop());
    assertEquals("app.\"Old\"", drop.index());
  }

  @Test
  void otherStatementsAndUnnamedIndexesAreNotRecognised() {
    assertEquals(
        Optional.empty(), IndexStatement.parse("CREATE INDEX CONCURRENTLY ON users (email)"));
    assertEquals(
        Optional.empty(), IndexStatement.parse("CREATE INDEX users_email ON users (email)"));
    assertEquals(Optional.empty(), IndexStatement.parse("VACUUM users"));
  }
}
