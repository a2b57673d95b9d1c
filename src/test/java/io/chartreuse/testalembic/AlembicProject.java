package io.chartreuse.testalembic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An Alembic project written by a test: alembic.ini without a URL, an env.py that runs every
 * revision in one outer transaction (Alembic's generic template) and revision scripts. Its env.py
 * takes the URL from the config (as chartreuse gives it) or else from ALEMBIC_TEST_URL (for running
 * Alembic's own CLI).
 */
public final class AlembicProject {
  public static final String URL_VARIABLE = "ALEMBIC_TEST_URL";
  private static final String ENV_PY =
      """
      import os
      from alembic import context
      from sqlalchemy import engine_from_config, pool

      config = context.config
      section = config.get_section(config.config_ini_section)
      section.setdefault("sqlalchemy.url", os.environ.get("%s", ""))
      connectable = engine_from_config(section, prefix="sqlalchemy.", poolclass=pool.NullPool)
      with connectable.connect() as connection:
          context.configure(connection=connection, target_metadata=None)
          with context.begin_transaction():
              context.run_migrations()
      """
          .formatted(URL_VARIABLE);

  private final Path directory;

  public AlembicProject(Path directory) {
    this.directory = directory;
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n");
    write("migrations/env.py", ENV_PY);
    write("migrations/versions/.keep", "");
  }

  public Path directory() {
    return directory;
  }

  /**
   * A revision whose docstring is {@code message}, following {@code down} (none: a base; several: a
   * merge).
   */
  public AlembicProject revision(String id, List<String> down, String message, String upgradeSql) {
    return script(
        id,
        "\"\"\"" + message + "\n\nRevision ID: " + id + "\n\"\"\"\n",
        down,
        "op.execute(\"" + upgradeSql + "\")");
  }

  /**
   * A revision file: {@code header} (docstring, comments) first, then the identifiers and {@code
   * upgrade()}'s body.
   */
  public AlembicProject script(String id, String header, List<String> down, String upgradeBody) {
    String downRevision =
        switch (down.size()) {
          case 0 -> "None";
          case 1 -> "'" + down.get(0) + "'";
          default ->
              "(" + down.stream().map(d -> "'" + d + "'").collect(Collectors.joining(", ")) + ")";
        };
    write(
        "migrations/versions/" + id + ".py",
        header
            + "from alembic import op\n\n"
            + "revision = '"
            + id
            + "'\n"
            + "down_revision = "
            + downRevision
            + "\n"
            + "branch_labels = None\n"
            + "depends_on = None\n\n\n"
            + "def upgrade():\n"
            + "    "
            + upgradeBody.replace("\n", "\n    ")
            + "\n\n\n"
            + "def downgrade():\n"
            + "    pass\n");
    return this;
  }

  /** {@code count} revisions in one line, r0001 to rNNNN, each creating a table. */
  public AlembicProject linear(int count) {
    for (int i = 1; i <= count; i++) {
      String id = "r%04d".formatted(i);
      revision(
          id,
          i == 1 ? List.of() : List.of("r%04d".formatted(i - 1)),
          "step " + i,
          "CREATE TABLE t" + i + " (id int)");
    }
    return this;
  }

  public void write(String relative, String content) {
    try {
      Path file = directory.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
