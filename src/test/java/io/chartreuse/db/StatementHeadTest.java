package io.chartreuse.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatementHeadTest {
  @Test
  void showsTheFirstWordsOnly() {
    assertEquals(
        Optional.of("CREATE INDEX CONCURRENTLY users_email ON …"),
        StatementHead.of("CREATE INDEX CONCURRENTLY users_email ON users (email)"));
  }

  @Test
  void neverALiteral() {
    assertEquals(
        Optional.of("ALTER ROLE app PASSWORD"),
        StatementHead.of("ALTER ROLE app PASSWORD 'P%w@d:b/#x'"));
    assertEquals(Optional.of("DO"), StatementHead.of("DO $$ BEGIN PERFORM 1; END $$"));
    assertEquals(Optional.empty(), StatementHead.of("'secret'"));
  }
}
