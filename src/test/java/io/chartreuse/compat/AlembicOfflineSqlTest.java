package io.chartreuse.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.config.AlembicSettings;
import io.chartreuse.config.DatabaseTarget;
import io.chartreuse.config.DatabaseUrl;
import io.chartreuse.config.EngineKind;
import io.chartreuse.engine.Inspection;
import io.chartreuse.engine.PendingMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alembic path through a real Alembic (Debian's python3-alembic): the offline SQL of the
 * pending range is classified per revision, a docstring declaration overrides, and a revision whose
 * SQL cannot be rendered is unknown. Offline mode touches no database, so none is started.
 */
class AlembicOfflineSqlTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final String PASSWORD = "p%@:/#w";

  @TempDir Path project;

  private void write(String file, String text) throws IOException {
    Files.createDirectories(project.resolve(file).getParent());
    Files.writeString(project.resolve(file), text);
  }

  private void revision(String id, String down, String doc, String upgrade) throws IOException {
    write(
        "migrations/versions/" + id + "_r.py",
        "\"\"\""
            + doc
            + "\n\"\"\"\nfrom alembic import op\n\nrevision = '"
            + id
            + "'\ndown_revision = "
            + (down == null ? "None" : "'" + down + "'")
            + "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
            + upgrade
            + "\n\n\ndef downgrade():\n    pass\n");
  }

  private List<MigrationVerdict> classify(Optional<String> current, List<String> pending)
      throws IOException {
    write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n");
    write(
        "migrations/env.py",
        String.join(
            "\n",
            "from alembic import context",
            "config = context.config",
            "if context.is_offline_mode():",
            "    context.configure(url=config.get_main_option('sqlalchemy.url'), literal_binds=True)",
            "    with context.begin_transaction():",
            "        context.run_migrations()",
            "else:",
            "    raise SystemExit('online mode is not used by this test')",
            ""));
    AlembicSettings settings =
        new AlembicSettings(project, "alembic.ini", Optional.empty(), List.of(), PYTHON);
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://app:"
                + java.net.URLEncoder.encode(PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
                + "@db.invalid:5432/shop",
            "CHARTREUSE_DATABASE_URL");
    DatabaseTarget target =
        new DatabaseTarget(
            "default", url, EngineKind.ALEMBIC, Optional.empty(), Optional.of(settings), true);
    List<PendingMigration> migrations =
        pending.stream().map(id -> new PendingMigration(id, "r", id + "_r.py", true)).toList();
    return PendingVerdicts.of(
        target,
        new Inspection(
            current, Optional.of(pending.get(pending.size() - 1)), migrations, List.of(), false));
  }

  @Test
  void eachPendingRevisionIsJudgedFromItsOfflineSql() throws IOException {
    revision("a1", null, "init", "    op.execute('CREATE TABLE orders (id int, note text)')");
    revision(
        "b2",
        "a1",
        "add",
        "    op.add_column('orders', __import__('sqlalchemy').Column('total', __import__('sqlalchemy').Integer()))");
    revision("c3", "b2", "drop", "    op.drop_column('orders', 'note')");
    List<MigrationVerdict> verdicts = classify(Optional.of("a1"), List.of("b2", "c3"));
    assertEquals(2, verdicts.size());
    assertEquals(Verdict.COMPATIBLE, verdicts.get(0).verdict(), verdicts.get(0).toString());
    assertEquals(Verdict.BREAKING, verdicts.get(1).verdict(), verdicts.get(1).toString());
    assertTrue(
        verdicts.get(1).reasons().get(0).startsWith("c3_r.py:"),
        verdicts.get(1).reasons().toString());
    assertTrue(
        verdicts
            .get(1)
            .reasons()
            .get(0)
            .contains("DROP COLUMN orders.note - running code that reads it fails"));
  }

  @Test
  void aDocstringDeclarationOverrides() throws IOException {
    revision(
        "a1",
        null,
        "drop note\n\nchartreuse: compatible — nothing has read note since 2.3",
        "    op.drop_column('orders', 'note')");
    MigrationVerdict verdict = classify(Optional.empty(), List.of("a1")).get(0);
    assertEquals(Verdict.COMPATIBLE, verdict.verdict());
    assertTrue(verdict.declared());
    assertEquals(
        "a1_r.py declared compatible: nothing has read note since 2.3", verdict.reasons().get(0));
  }

  @Test
  void aRevisionThatCannotRenderOfflineIsUnknownAndTheUrlIsNotShown() throws IOException {
    revision(
        "a1",
        null,
        "reads data",
        "    op.get_bind().execute(__import__('sqlalchemy').text('SELECT 1')).scalar_one()");
    MigrationVerdict verdict = classify(Optional.empty(), List.of("a1")).get(0);
    assertEquals(Verdict.UNKNOWN, verdict.verdict());
    assertFalse(verdict.toString().contains(PASSWORD), verdict.toString());
    assertFalse(verdict.toString().contains("p%40"), verdict.toString());
  }
}
