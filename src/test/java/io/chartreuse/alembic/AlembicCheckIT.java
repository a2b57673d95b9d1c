package io.chartreuse.alembic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartreuse.testalembic.AlembicDatabases;
import io.chartreuse.testalembic.AlembicInstallation;
import io.chartreuse.testalembic.AlembicProject;
import io.chartreuse.testalembic.AlembicRun;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testdb.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code chartreuse check} on an Alembic project: pending revisions, and {@code --shadow-url}
 * replaying the applied revisions with the real Alembic (both installations) to find a manual
 * change on a database that never had a stored snapshot.
 */
class AlembicCheckIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static CliProcess check(
      AlembicInstallation alembic, AlembicProject project, TestDatabase database, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "check",
                "--url",
                "postgresql+psycopg2://"
                    + database.host()
                    + ":"
                    + database.port()
                    + "/"
                    + database.name(),
                "--user",
                database.user(),
                "--migrations",
                project.directory().toString(),
                "-o",
                "json"));
    args.addAll(List.of(more));
    return CliProcess.of(args.toArray(String[]::new))
        .env("CHARTREUSE_DATABASE_PASSWORD", database.password())
        .env("CHARTREUSE_PYTHON", alembic.python())
        .secret(database.password())
        .secret(encode(database.password()));
  }

  @ParameterizedTest
  @EnumSource(AlembicInstallation.class)
  void pendingThenAManualChangeFoundByReplayingIntoAShadow(AlembicInstallation alembic)
      throws Exception {
    AlembicProject project =
        new AlembicProject(temp)
            .revision(
                "a1", List.of(), "users", "CREATE TABLE users (id int PRIMARY KEY, name text)")
            .revision(
                "a2",
                List.of("a1"),
                "orders",
                "CREATE TABLE orders (id int PRIMARY KEY, total numeric(10,2))");
    TestDatabase database = AlembicDatabases.create("alembic_check");
    AlembicRun.alembic(alembic, project, database, "upgrade", "a1");

    CliProcess.Result pending = check(alembic, project, database).run();
    assertEquals(3, pending.exitCode(), pending.all());
    assertEquals("a2", JSON.readTree(pending.stdout()).at("/pending/0/version").asText());

    // The pending revision applied to a shadow by Alembic itself confirms its verdict.
    TestDatabase verdictShadow = AlembicDatabases.create("alembic_check_verdict");
    CliProcess.Result judged =
        check(
                alembic,
                project,
                database,
                "--shadow-url",
                AlembicRun.sqlalchemyUrl(verdictShadow, "postgresql+psycopg2"))
            .secret(verdictShadow.password())
            .secret(encode(verdictShadow.password()))
            .run();
    assertEquals(3, judged.exitCode(), judged.all());
    JsonNode verdict = JSON.readTree(judged.stdout()).at("/verdicts/0");
    assertEquals("compatible", verdict.get("verdict").asText(), judged.stdout());
    assertTrue(
        verdict.get("shadow").asText().startsWith("confirmed by the shadow database"),
        judged.stdout());

    AlembicRun.alembic(alembic, project, database, "upgrade", "head");
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE INDEX users_name_idx ON users (name)");
    }
    CliProcess.Result noReference = check(alembic, project, database).run();
    assertEquals(0, noReference.exitCode(), noReference.all());

    TestDatabase shadow = AlembicDatabases.create("alembic_check_shadow");
    CliProcess.Result drift =
        check(
                alembic,
                project,
                database,
                "--shadow-url",
                AlembicRun.sqlalchemyUrl(shadow, "postgresql+psycopg2"))
            .secret(shadow.password())
            .secret(encode(shadow.password()))
            .run();
    assertEquals(4, drift.exitCode(), drift.all());
    JsonNode findings = JSON.readTree(drift.stdout()).get("schema_drift");
    assertEquals(1, findings.size(), drift.stdout());
    assertEquals("public.users_name_idx", findings.get(0).get("name").asText());
    assertEquals("added", findings.get(0).get("change").asText());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
