package io.chartreuse.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartreuse.testcli.CliProcess;
import io.chartreuse.testcli.RunnerEnvironment;
import io.chartreuse.testdb.MigrationFiles;
import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import io.chartreuse.testing.KubeTest;
import io.chartreuse.testing.TestCluster;
import io.chartreuse.testkube.RunnerIdentity;
import io.chartreuse.testkube.StatusRecordSchema;
import io.fabric8.kubernetes.api.model.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration declared compatible that drops a column, run with the stop policy {@code breaking} on
 * the real control plane with a real PostgreSQL: it migrates with the application up (as declared),
 * and the schema diff before/after contradicts the verdict: a loud warning in the log and the
 * report, an Event, and a field of the status record.
 */
@KubeTest(kubelet = false)
class MisclassificationIT {
  private static final String STATUS = "shop-chartreuse-status";

  @TempDir Path temp;

  @Test
  void aDeclaredCompatibleMigrationThatDropsAColumnIsReportedAsMisclassified(TestCluster cluster)
      throws Exception {
    String namespace = cluster.createNamespace("misclassified");
    RunnerIdentity identity = new RunnerIdentity(cluster, namespace, STATUS);
    identity.grant(rules -> rules);
    TestDatabase database = TestPostgres.get().createDatabase("misclassified");
    MigrationFiles migrations =
        new MigrationFiles(temp.resolve("migrations"))
            .add("V1__users.sql", "CREATE TABLE users (id bigserial PRIMARY KEY, email text);");

    CliProcess.Result first = run(database, migrations, identity);
    assertEquals(0, first.exitCode(), first.all());
    JsonNode none =
        StatusRecordSchema.read(cluster.admin(), namespace, STATUS)
            .at("/databases/0/misclassified");
    assertTrue(
        none.isNull() || none.isMissingNode(),
        "a compatible migration that only adds is not misclassified: " + none);

    migrations.add(
        "V2__cleanup.sql",
        "-- chartreuse: compatible - nothing reads users.email any more\n"
            + "ALTER TABLE users DROP COLUMN email;");
    CliProcess.Result second = run(database, migrations, identity);

    assertEquals(0, second.exitCode(), second.all());
    assertTrue(
        second
            .stderr()
            .contains(
                "WARN  default: MISCLASSIFIED: 2 compatible (declared) ran with the application up,"
                    + " but the schema changed in a way that breaks the running code:"),
        second.stderr());
    String change =
        "column public.users.email: missing - dropped or renamed: running code that uses it fails";
    assertTrue(second.stderr().contains("default:   " + change), second.stderr());
    assertTrue(
        second.stdout().contains("MISCLASSIFIED, judged compatible: " + change), second.stdout());

    JsonNode record = StatusRecordSchema.read(cluster.admin(), namespace, STATUS);
    assertEquals(1, record.at("/databases/0/misclassified/count").asInt());
    assertEquals(change, record.at("/databases/0/misclassified/first/0").asText());

    List<Event> events =
        cluster.admin().v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> "Misclassified".equals(e.getReason()))
            .toList();
    assertEquals(1, events.size(), events.toString());
    assertEquals("Warning", events.get(0).getType());
    assertTrue(
        events
            .get(0)
            .getMessage()
            .contains(
                "default: judged compatible and migrated with the application up, but " + change),
        events.get(0).getMessage());
  }

  private CliProcess.Result run(
      TestDatabase database, MigrationFiles migrations, RunnerIdentity identity) throws Exception {
    return RunnerEnvironment.run(database, migrations)
        .env(identity.podEnvironment(temp.resolve("sa")))
        .env("CHARTREUSE_RELEASE_NAME", "shop")
        .env("CHARTREUSE_STOP_POLICY", "breaking")
        .run();
  }
}
