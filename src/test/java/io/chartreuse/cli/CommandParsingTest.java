package io.chartreuse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chartreuse.config.Env;
import io.chartreuse.status.ReleaseStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Every command's flags as picocli parses them, in-process: no jar, no cluster, no database. */
class CommandParsingTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Env env =
      new Env(Map.of("HELM_NAMESPACE", "from-helm", "HELM_KUBECONTEXT", "helm-context"));

  private CommandLine commandLine() {
    return CommandLineFactory.create(
        new CliContext(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env));
  }

  @SuppressWarnings("unchecked")
  private <T> T parse(String... args) {
    ParseResult result = commandLine().parseArgs(args);
    return (T) result.subcommand().commandSpec().userObject();
  }

  @Test
  void run() {
    RunCommand run =
        parse(
            "run",
            "--skip-version-check",
            "-o",
            "json",
            "--allow-drift",
            "--check-only",
            "--log-format",
            "json",
            "-n",
            "shop",
            "--context",
            "prod",
            "--kubeconfig",
            "/tmp/kc");
    assertTrue(run.skipVersionCheck && run.allowDrift && run.checkOnly);
    assertEquals(OutputFormat.json, run.output);
    assertEquals(Optional.of("shop"), run.clusterOptions.namespace(env));
    assertEquals(Optional.of("prod"), run.clusterOptions.context(env));
    assertEquals(Optional.of(Path.of("/tmp/kc")), run.clusterOptions.kubeconfig());
  }

  @Test
  void helmsNamespaceAndContextAreTheDefaults() {
    RestoreCommand restore = parse("restore", "shop");
    assertEquals("shop", restore.release);
    assertEquals(Optional.of("from-helm"), restore.cluster.namespace(env));
    assertEquals(Optional.of("helm-context"), restore.cluster.context(env));
  }

  @Test
  void status() {
    StatusCommand status =
        parse("status", "shop", "-A", "-o", "yaml", "--fail-on", "pending,stranded");
    assertEquals("shop", status.release);
    assertTrue(status.allNamespaces);
    assertEquals(StatusCommand.Format.yaml, status.output);
    assertEquals(
        List.of(ReleaseStatus.Finding.PENDING, ReleaseStatus.Finding.STRANDED), status.failOn);
  }

  @Test
  void launch() {
    LaunchCommand launch =
        parse(
            "launch",
            "shop",
            "--dry-run",
            "--check-only",
            "--timeout",
            "60",
            "--progress",
            "lines");
    assertEquals("shop", launch.release);
    assertTrue(launch.dryRun && launch.checkOnly);
    assertEquals(60, launch.timeoutSeconds);
    assertEquals(ProgressOptions.Mode.lines, launch.progress.progress);
  }

  @Test
  void cleanup() {
    CleanupCommand cleanup = parse("cleanup", "--all", "--dry-run", "-A");
    assertTrue(cleanup.all && cleanup.dryRun && cleanup.allNamespaces);
  }

  @Test
  void upgradePassesHelmsOwnArgumentsThrough() {
    UpgradeCommand upgrade =
        parse(
            "upgrade",
            "shop",
            "./chart",
            "--force",
            "--set",
            "image.tag=2",
            "--wait",
            "-n",
            "prod");
    assertEquals("shop", upgrade.release);
    assertEquals("./chart", upgrade.chart);
    assertTrue(upgrade.force);
    assertEquals(List.of("--set", "image.tag=2", "--wait"), upgrade.helmArguments);
    assertEquals(Optional.of("prod"), upgrade.cluster.namespace(env));
  }

  @Test
  void upgradePassesHelm4sFlagsThroughUnchanged() {
    List<String> helm4 =
        List.of(
            "--wait=watcher",
            "--rollback-on-failure",
            "--force-replace",
            "--server-side=false",
            "--force-conflicts",
            "--take-ownership",
            "--dry-run=server",
            "--wait-for-jobs",
            "--timeout",
            "5m");
    List<String> args = new ArrayList<>(List.of("upgrade", "shop", "./chart"));
    args.addAll(helm4);
    UpgradeCommand upgrade = parse(args.toArray(String[]::new));
    assertEquals(helm4, upgrade.helmArguments);
    assertFalse(upgrade.force, "--force-replace is Helm's, not the preflight's --force");
  }

  @Test
  void completion() {
    CompletionCommand completion = parse("completion", "zsh");
    assertEquals(CompletionCommand.Shell.zsh, completion.shell);
  }

  @Test
  void repair() {
    RepairCommand repair = parse("repair", "--realign-checksums");
    assertTrue(repair.realign);
  }

  @Test
  void anUnknownFlagIsAUsageErrorOnOneLineWithTheFix() {
    assertEquals(2, commandLine().execute("status", "--colour"));
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("chartreuse: Unknown option: '--colour'", lines.get(0));
    assertEquals("Try 'chartreuse status --help' for more information.", lines.get(1));
  }

  @Test
  void aBadEnumValueNamesTheChoices() {
    assertEquals(2, commandLine().execute("status", "-o", "xml"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("table, wide, json, yaml"),
        err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "run",
        "check",
        "repair",
        "restore",
        "status",
        "launch",
        "cleanup",
        "upgrade",
        "version",
        "completion"
      })
  void everyCommandHasHelpThatExitsZero(String command) {
    assertEquals(0, commandLine().execute(command, "--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("Usage: chartreuse " + command), help);
    assertFalse(help.contains("cds-training"));
  }
}
