package io.chartreuse.cli;

import io.chartreuse.version.RunnerVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code chartreuse version}. */
@Command(name = "version", description = "Print the version.", mixinStandardHelpOptions = true)
final class VersionCommand implements Callable<Integer> {
  private final CliContext context;

  VersionCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    context.out().println(line());
    return 0;
  }

  /** What {@code version} and {@code --version} print. */
  static String line() {
    return "chartreuse " + RunnerVersion.current();
  }

  /** The same line for {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {line()};
    }
  }
}
