package io.chartreuse.cli;

import io.chartreuse.config.Env;
import io.chartreuse.exit.ChartreuseException;
import io.chartreuse.kube.KubeTarget;
import io.chartreuse.progress.Progress;
import io.chartreuse.release.Leftovers;
import io.chartreuse.release.ReleaseStore;
import io.chartreuse.terminal.Palette;
import io.chartreuse.terminal.Tone;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chartreuse cleanup [RELEASE] [--all] [--dry-run]}: delete leftover chartreuse Jobs and
 * ephemeral RBAC.
 */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    description =
        "Delete leftover chartreuse Jobs, ephemeral RBAC/ConfigMaps/Secrets, and the status records of uninstalled releases (chartreuse's labels only).")
final class CleanupCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", arity = "0..1", description = "The release whose leftovers to delete.")
  String release;

  @Option(names = "--all", description = "Every release's leftovers.")
  boolean all;

  @Option(names = "--dry-run", description = "Only list what would be deleted.")
  boolean dryRun;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Every namespace.")
  boolean allNamespaces;

  @Mixin ClusterOptions cluster;

  @Mixin ProgressOptions progress;

  @Mixin ColorOptions colors;

  CleanupCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if ((release == null) == !all) {
      throw ChartreuseException.usage(
          release == null
              ? "name a RELEASE, or pass --all"
              : "pass either a RELEASE or --all, not both");
    }
    Env env = context.env();
    try (KubeTarget target = cluster.connect(env)) {
      Leftovers leftovers =
          new Leftovers(
              target.client(),
              context.api(),
              new ReleaseStore(target.client(), context.api(), env.text("HELM_DRIVER")));
      Optional<String> namespace =
          allNamespaces ? Optional.empty() : Optional.of(target.namespace());
      List<Leftovers.Item> items = leftovers.find(namespace, Optional.ofNullable(release));
      if (items.isEmpty()) {
        context.out().println("nothing to clean up");
      }
      Palette palette = colors.palette(env, context.out() == System.out);
      try (Progress deleting = progress.start(context.err())) {
        for (int i = 0; i < items.size(); i++) {
          Leftovers.Item item = items.get(i);
          if (!dryRun) {
            deleting.show("deleting " + (i + 1) + "/" + items.size() + ": " + item.describe());
            leftovers.delete(item);
          }
          deleting.clear();
          context
              .out()
              .println(
                  (item.running()
                          ? palette.paint("kept", Tone.NOTICE)
                          : dryRun ? "would delete" : palette.paint("deleted", Tone.GOOD))
                      + " "
                      + item.describe());
        }
      }
      return 0;
    }
  }
}
