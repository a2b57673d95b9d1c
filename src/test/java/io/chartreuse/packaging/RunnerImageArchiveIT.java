package io.chartreuse.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.testdb.TestDatabase;
import io.chartreuse.testdb.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner image's start-up path without Docker: docker/make-archive trains the archive on real
 * runs against PostgreSQL, as the Dockerfile does, and the image's entrypoint alias then runs a
 * migration with the runner's classes taken from that archive.
 */
class RunnerImageArchiveIT {
  @TempDir Path home;
  @TempDir Path migrations;

  @Test
  void archiveMadeAtImageBuildIsUsedByTheMigrationJobsEntrypoint() throws IOException {
    Files.copy(PackagingProcess.jar(), home.resolve("chartreuse.jar"));
    Files.copy(PackagingProcess.trainingJar(), home.resolve("chartreuse-training.jar"));
    Path docker = PackagingProcess.basedir().resolve("docker");

    TestDatabase training = TestPostgres.get().createDatabase("archive_training");
    PackagingProcess made =
        PackagingProcess.run(
            List.of(docker.resolve("make-archive").toString()),
            Map.of(
                "CHARTREUSE_HOME",
                home.toString(),
                "CHARTREUSE_DATABASE_URL",
                training.jdbcUrl(),
                "CHARTREUSE_DATABASE_USER",
                training.user(),
                "CHARTREUSE_DATABASE_PASSWORD",
                training.password()),
            home,
            Duration.ofMinutes(3));
    assertEquals(0, made.exitCode(), made.stderr());
    assertTrue(Files.size(home.resolve("chartreuse.jsa")) > 1_000_000, "no archive");
    assertFalse((made.stdout() + made.stderr()).contains(training.password()), "password printed");

    Files.writeString(
        migrations.resolve("V1__orders.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
    TestDatabase app = TestPostgres.get().createDatabase("archive_app");
    Path classLog = home.resolve("class-load.log");
    PackagingProcess job =
        PackagingProcess.run(
            List.of(docker.resolve("chartreuse-upgrade").toString(), "--skip-version-check"),
            Map.of(
                "CHARTREUSE_HOME",
                home.toString(),
                "CHARTREUSE_DATABASE_URL",
                app.jdbcUrl(),
                "CHARTREUSE_DATABASE_USER",
                app.user(),
                "CHARTREUSE_DATABASE_PASSWORD",
                app.password(),
                "CHARTREUSE_FLYWAY_LOCATIONS",
                "filesystem:" + migrations,
                "JAVA_TOOL_OPTIONS",
                "-Xlog:class+load=info:file=" + classLog),
            home,
            Duration.ofMinutes(2));
    assertEquals(0, job.exitCode(), job.stderr());
    assertTrue(job.stdout().contains("migrated"), job.stdout());
    assertFalse((job.stdout() + job.stderr()).contains(app.password()), "password printed");
    String loaded = Files.readString(classLog);
    assertTrue(
        loaded.contains("io.chartreuse.runner.Runner source: shared objects file"),
        "runner not from the archive");
    assertTrue(
        loaded.contains("org.flywaydb.core.Flyway source: shared objects file"),
        "Flyway not from the archive");
  }
}
