package io.chartreuse.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two small migration projects for the training run, in a temporary directory: {@code alembic} (an
 * ini file and two revisions, as {@code alembic revision} writes them) and {@code flyway} (two SQL
 * files).
 */
final class TrainingProjects {
  private TrainingProjects() {}

  static Path write() {
    try {
      Path root = Files.createTempDirectory("chartreuse-training-projects");
      Path alembic = root.resolve("alembic");
      Files.createDirectories(alembic.resolve("migrations/versions"));
      Files.writeString(
          alembic.resolve("alembic.ini"), "[alembic]\nscript_location = %(here)s/migrations\n");
      Files.writeString(alembic.resolve("migrations/env.py"), "# never run by the training\n");
      revision(alembic, "a1b2c3d4e5f6", "None", "create users");
      revision(alembic, "f6e5d4c3b2a1", "'a1b2c3d4e5f6'", "add email");
      Path flyway = root.resolve("flyway");
      Files.createDirectories(flyway);
      Files.writeString(
          flyway.resolve("V1__create_users.sql"),
          "CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL);\n");
      Files.writeString(
          flyway.resolve("V2__users_name_index.sql"),
          "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);\n");
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void revision(Path project, String id, String down, String message)
      throws IOException {
    Files.writeString(
        project.resolve("migrations/versions/" + id + "_" + message.replace(' ', '_') + ".py"),
        "\"\"\""
            + message
            + "\n\nRevision ID: "
            + id
            + "\n\"\"\"\nfrom alembic import op\n\nrevision = '"
            + id
            + "'\ndown_revision = "
            + down
            + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
            + "    op.execute('SELECT 1')\n");
  }
}
