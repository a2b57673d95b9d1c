package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.ApiCalls;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.release.ReleaseStatusReader;
import io.chartreuse.release.ReleaseStore;
import io.chartreuse.report.StructuredOutput;
import io.chartreuse.status.ReleaseStatus;
import io.chartreuse.status.StatusTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chartreuse status [RELEASE]}: for each Helm release that uses chartreuse, read from Helm's
 * own storage and the runner's status records — no helm binary needed. {@code --fail-on} makes it a
 * CI gate.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the migration status of the releases that use chartreuse.")
final class StatusCommand implements Callable<Integer> {
  enum Format {
    table,
    wide,
    json,
    yaml
  }

  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", description = "Only this release.")
  String release;

  @Option(
      names = {"-o", "--output"},
      description =
          "table, wide (every column), json or yaml (default: table, which fits 120 columns).")
  Format output = Format.table;

  @Option(
      names = "--fail-on",
      split = ",",
      description =
          "Exit non-zero on these findings, checked in this order: "
              + "pending (3), drift (4), failed (5), stranded (7), unreadable (1: a release or"
              + " status record that cannot be read).")
  List<ReleaseStatus.Finding> failOn = List.of();

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Every namespace.")
  boolean allNamespaces;

  @Mixin ClusterOptions cluster;

  @Mixin ColorOptions colors;

  StatusCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Env env = context.env();
    try (KubeTarget target = cluster.connect(env)) {
      Optional<String> namespace =
          allNamespaces ? Optional.empty() : Optional.of(target.namespace());
      ApiCalls api = context.api();
      ReleaseStatusReader reader =
          new ReleaseStatusReader(
              target.client(),
              api,
              new ReleaseStore(target.client(), api, env.text("HELM_DRIVER")));
      List<ReleaseStatus> releases = reader.read(namespace, Optional.ofNullable(release));
      if (release != null) {
        releases = releases.stream().filter(r -> r.release().equals(release)).toList();
        if (releases.isEmpty()) {
          List<ReleaseStatus> all = reader.read(namespace);
          throw ChartreuseException.failed(
              "no release "
                  + release
                  + " using chartreuse in "
                  + namespace.map(n -> "namespace " + n).orElse("any namespace")
                  + "; releases here: "
                  + (all.isEmpty()
                      ? "none"
                      : String.join(", ", all.stream().map(ReleaseStatus::release).toList())));
        }
      }
      warnUnreadable(releases);
      print(releases, namespace);
      return exitCode(releases);
    }
  }

  /**
   * What cannot be read, and a Job that cannot start, are said on stderr in every format; nothing
   * is ever written back.
   */
  private void warnUnreadable(List<ReleaseStatus> releases) {
    for (ReleaseStatus release : releases) {
      release.problem().ifPresent(problem -> warn(release, problem));
      release.instances().forEach(i -> i.problem().ifPresent(problem -> warn(release, problem)));
      release.jobs().stream()
          .filter(job -> job.state().equals("cannot-start"))
          .forEach(
              job ->
                  warn(
                      release,
                      "Job "
                          + job.name()
                          + " cannot start: "
                          + job.waiting().orElse("its pod does not start")));
    }
    context.err().flush();
  }

  private void warn(ReleaseStatus release, String problem) {
    context
        .err()
        .println(
            context
                .redactor()
                .redact(
                    "chartreuse: warning: release "
                        + release.release()
                        + " in namespace "
                        + release.namespace()
                        + ": "
                        + problem));
  }

  private void print(List<ReleaseStatus> releases, Optional<String> namespace) {
    Map<String, Object> document = new java.util.LinkedHashMap<>();
    document.put("schema_version", 1);
    document.put("releases", releases);
    String text =
        switch (output) {
          case json -> StructuredOutput.json(document) + "\n";
          case yaml -> StructuredOutput.yaml(document);
          case table, wide ->
              releases.isEmpty()
                  ? "no Helm release uses chartreuse in "
                      + namespace.map(n -> "namespace " + n).orElse("any namespace")
                      + "\n"
                  : new StatusTable(
                          new StatusTable.Style(
                              output == Format.wide,
                              namespace.isEmpty(),
                              colors.palette(context.env(), context.out() == System.out),
                              Instant.now()))
                      .render(releases);
        };
    context.out().print(context.redactor().redact(text));
    context.out().flush();
  }

  private int exitCode(List<ReleaseStatus> releases) {
    List<ReleaseStatus.Finding> found = new ArrayList<>();
    releases.forEach(r -> found.addAll(r.findings()));
    for (ReleaseStatus.Finding finding : failOn) {
      if (found.contains(finding)) {
        return finding.exitCode();
      }
    }
    return 0;
  }
}
