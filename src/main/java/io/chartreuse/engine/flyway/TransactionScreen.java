package io.chartreuse.engine.flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.info.MigrationInfoImpl;

/**
 * Tells whether PostgreSQL can run a pending migration inside a transaction. Flyway knows ({@code
 * canExecuteInTransaction()}), but asking parses the whole script, and then {@code migrate()}
 * parses it again: a quarter of a 500-migration run. Flyway's PostgreSQL parser only refuses a
 * transaction for statements that start with one of a few words, or for a script configured with
 * {@code executeInTransaction}; a script whose text has none of those words, no placeholder and no
 * {@code .conf} sidecar is transactional without parsing. Anything else is asked of Flyway.
 */
final class TransactionScreen {
  /**
   * Every word of Flyway 13's PostgreSQLParser non-transactional statements, and the script
   * setting.
   */
  private static final Pattern MAYBE_NON_TRANSACTIONAL =
      Pattern.compile(
          "\\b(CONCURRENTLY|DATABASE|TABLESPACE|SUBSCRIPTION|SYSTEM|VACUUM|DISCARD|VALUE|EXECUTEINTRANSACTION)\\b|\\$\\{");

  private TransactionScreen() {}

  static boolean canRunInTransaction(MigrationInfo migration) {
    if (!(migration instanceof MigrationInfoImpl impl)) {
      return true;
    }
    return plainlyTransactional(migration.getPhysicalLocation()) || impl.canExecuteInTransaction();
  }

  /**
   * True only when the script file is readable and none of the words can start a refused statement.
   */
  static boolean plainlyTransactional(String physicalLocation) {
    if (physicalLocation == null || physicalLocation.isEmpty()) {
      return false;
    }
    try {
      Path script = Path.of(physicalLocation);
      if (!Files.isRegularFile(script) || Files.exists(Path.of(physicalLocation + ".conf"))) {
        return false;
      }
      String text = Files.readString(script).toUpperCase(Locale.ROOT);
      return !MAYBE_NON_TRANSACTIONAL.matcher(text).find();
    } catch (IOException | InvalidPathException | java.io.UncheckedIOException e) {
      return false;
    }
  }
}
