package io.chartreuse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.exit.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigLoaderTest {
  @TempDir Path temp;

  private static RunnerConfig load(Map<String, String> env) {
    return new RunnerConfigLoader(new Env(env)).load();
  }

  private static ChartreuseException usage(Map<String, String> env) {
    ChartreuseException e = assertThrows(ChartreuseException.class, () -> load(env));
    assertEquals(ExitCode.USAGE, e.exitCode());
    return e;
  }

  @Test
  void ownVariablesWithDefaults() {
    RunnerConfig config =
        load(
            Map.of(
                "CHARTREUSE_DATABASE_URL",
                "postgresql://db/app",
                "CHARTREUSE_FLYWAY_LOCATIONS",
                "filesystem:/m, classpath:db/migration"));
    DatabaseTarget target = config.databases().get(0);
    assertEquals(EngineKind.FLYWAY, target.engine());
    assertEquals(
        List.of("filesystem:/m", "classpath:db/migration"),
        target.flyway().orElseThrow().locations());
    assertEquals(
        new Timeouts(
            Duration.ofSeconds(300),
            Duration.ofSeconds(300),
            Duration.ofSeconds(600),
            Duration.ofSeconds(5)),
        config.timeouts());
    assertEquals(FailurePolicy.RESTORE_IF_UNCHANGED, config.failurePolicy());
    assertTrue(config.release().stopPods());
    assertFalse(config.readinessProbe().enabled());
  }

  @Test
  void v4VariablesSelectAlembicWithTheOriginalsDefaults() {
    RunnerConfig config =
        load(
            Map.of(
                "CHARTREUSE_ALEMBIC_URL",
                "postgresql://u:p@db:5432/app",
                "CHARTREUSE_ALEMBIC_ADDITIONAL_PARAMETERS",
                "-x env_type=staging -x 'note=a b'",
                "CHARTREUSE_PATRONI_POSTGRESQL",
                "",
                "CHARTREUSE_ENABLE_STOP_PODS",
                "",
                "HELM_IS_INSTALL",
                "1"));
    DatabaseTarget target = config.databases().get(0);
    assertEquals(EngineKind.ALEMBIC, target.engine());
    AlembicSettings alembic = target.alembic().orElseThrow();
    assertEquals(Path.of("/app/alembic"), alembic.directory());
    assertEquals(
        List.of("-x", "env_type=staging", "-x", "note=a b"), alembic.additionalArguments());
    assertTrue(
        config.readinessProbe().enabled(),
        "presence of CHARTREUSE_PATRONI_POSTGRESQL enables the probe");
    assertEquals("wiremind_owner", config.readinessProbe().ownerRole());
    assertFalse(config.release().stopPods());
    assertTrue(config.release().helmIsInstall());
    assertEquals(ConfigSource.ORIGINAL_V4, config.source());
  }

  @Test
  void theV6YamlKeepsFileOrderAndSupportsFlywayEntries() throws Exception {
    Path file = temp.resolve("config.yaml");
    Files.writeString(
        file,
        """
        databases:
          zeta:
            dialect: postgresql
            user: z
            password: "p@ss:w/rd"
            host: db1
            port: 5432
            database: zeta
            alembic_directory_path: /app/alembic
            additional_parameters: -x a=b
          alpha:
            dialect: postgresql
            user: a
            password: pw
            host: db2
            port: "6432"
            database: alpha
            engine: flyway
            flyway_locations: [filesystem:/app/alpha]
        """);
    RunnerConfig config = load(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", file.toString()));
    assertEquals(
        List.of("zeta", "alpha"), config.databases().stream().map(DatabaseTarget::name).toList());
    DatabaseTarget zeta = config.databases().get(0);
    assertEquals("zeta", zeta.alembic().orElseThrow().section().orElseThrow());
    assertEquals(
        "postgresql://z:p%40ss%3Aw%2Frd@db1:5432/zeta", zeta.url().sqlalchemyUrl().value());
    assertEquals(EngineKind.FLYWAY, config.databases().get(1).engine());
    assertEquals("db2:6432/alpha", config.databases().get(1).url().display());
  }

  @Test
  void badYamlIsAUsageErrorNamingTheKey() throws Exception {
    Path file = temp.resolve("config.yaml");
    Files.writeString(
        file,
        "databases:\n  main:\n    dialect: postgresql\n    user: u\n    password: p\n    host: h\n    port: 99999\n"
            + "    database: d\n    alembic_directory_path: /a\n");
    assertTrue(
        usage(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", file.toString()))
            .getMessage()
            .contains("databases.main.port"));
    Files.writeString(file, "databases: {}\n");
    assertTrue(
        usage(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", file.toString()))
            .getMessage()
            .contains("at least one database"));
    Files.writeString(file, "databases:\n  main: [\n");
    assertTrue(
        usage(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", file.toString()))
            .getMessage()
            .contains("not valid YAML"));
    assertTrue(
        usage(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", temp.resolve("missing.yaml").toString()))
            .getMessage()
            .contains("not a readable file"));
  }

  @Test
  void contradictionsAndTyposAreUsageErrors() {
    assertTrue(usage(Map.of()).getMessage().contains("no database configured"));
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/a",
                    "CHARTREUSE_ENGINE",
                    "liquibase"))
            .getMessage()
            .contains("CHARTREUSE_ENGINE must be one of flyway, alembic"));
    assertTrue(
        usage(Map.of("CHARTREUSE_ALEMBIC_URL", "postgresql://db/a", "CHARTREUSE_ENGINE", "flyway"))
            .getMessage()
            .contains("contradicts"));
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/a",
                    "CHARTREUSE_ENGINE",
                    "alembic",
                    "CHARTREUSE_FLYWAY_LOCATIONS",
                    "filesystem:/m"))
            .getMessage()
            .contains("applies to Flyway only"));
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/a",
                    "CHARTREUSE_FLYWAY_LOCATIONS",
                    "/m"))
            .getMessage()
            .contains("must start with filesystem: or classpath:"));
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/a",
                    "CHARTREUSE_ON_FAILURE",
                    "retry"))
            .getMessage()
            .contains("restore-if-unchanged, keep-stopped"));
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/a",
                    "CHARTREUSE_STOP_POD_TIMEOUT",
                    "5"))
            .getMessage()
            .contains("did you mean CHARTREUSE_STOP_PODS_TIMEOUT?"));
  }

  @Test
  void theTestBedsVariablesAreNotTheRunners() {
    RunnerConfig config =
        load(
            Map.of(
                "CHARTREUSE_DATABASE_URL",
                "postgresql://db/app",
                "CHARTREUSE_TEST_KUBECONFIG",
                "/tmp/kubeconfig",
                "CHARTREUSE_TEST_ETCD",
                "http://127.0.0.1:2379"));
    assertEquals(1, config.databases().size());
    assertTrue(
        usage(Map.of("CHARTREUSE_DATABASE_URL", "postgresql://db/app", "CHARTREUSE_TESTX", "1"))
            .getMessage()
            .startsWith("unknown variable CHARTREUSE_TESTX"));
  }

  @Test
  void readinessRoleNamesAreCheckedBeforeAnyConnection() {
    ChartreuseException e =
        usage(
            Map.of(
                "CHARTREUSE_DATABASE_URL",
                "postgresql://db/app",
                "CHARTREUSE_READINESS_PROBE",
                "true",
                "CHARTREUSE_READINESS_OWNER_ROLE",
                "owner; DROP TABLE x"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "readiness probe role 'owner; DROP TABLE x' is not a plain PostgreSQL role name"),
        e.getMessage());
  }

  @Test
  void oneLocationRuleForVariablesAndYaml() throws Exception {
    assertTrue(
        usage(
                Map.of(
                    "CHARTREUSE_DATABASE_URL",
                    "postgresql://db/app",
                    "CHARTREUSE_FLYWAY_LOCATIONS",
                    " , "))
            .getMessage()
            .startsWith("CHARTREUSE_FLYWAY_LOCATIONS names no location"));
    Path yaml = temp.resolve("databases.yaml");
    Files.writeString(
        yaml,
        String.join(
            "\n",
            "databases:",
            "  main:",
            "    dialect: postgresql",
            "    user: app",
            "    password: pw",
            "    host: db",
            "    port: 5432",
            "    database: app",
            "    engine: flyway",
            "    flyway_locations: []",
            ""));
    assertTrue(
        usage(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", yaml.toString()))
            .getMessage()
            .endsWith(
                "databases.main.flyway_locations names no location; e.g. filesystem:/app/migrations"));
    Files.writeString(
        yaml,
        Files.readString(yaml)
            .replace("flyway_locations: []", "flyway_locations: [' filesystem:/m ', '']"));
    assertEquals(
        List.of("filesystem:/m"),
        load(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", yaml.toString()))
            .databases()
            .get(0)
            .flyway()
            .orElseThrow()
            .locations());
  }

  @Test
  void v61sIsPatroniPostgresqlProbesThatDatabaseOnly() throws Exception {
    Path yaml = temp.resolve("databases.yaml");
    String entry =
        String.join(
            "\n",
            "    dialect: postgresql",
            "    user: app",
            "    password: pw",
            "    host: db",
            "    port: 5432",
            "    engine: flyway",
            "    flyway_locations: filesystem:/m",
            "");
    Files.writeString(
        yaml,
        "databases:\n  patroni:\n    database: a\n    is_patroni_postgresql: true\n"
            + entry
            + "  plain:\n    database: b\n"
            + entry);
    List<DatabaseTarget> targets =
        load(Map.of("CHARTREUSE_MULTI_CONFIG_PATH", yaml.toString())).databases();
    assertTrue(targets.get(0).readinessProbe());
    assertFalse(targets.get(1).readinessProbe());
  }
}
