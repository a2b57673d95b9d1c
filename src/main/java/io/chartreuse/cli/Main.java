package io.chartreuse.cli;

import io.chartreuse.config.Env;
import java.io.PrintStream;

/** Entry point: {@code java -jar chartreuse.jar …}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (isVersion(args)) {
      // The fast path: the same line as the version command, without picocli's command tree.
      System.out.println(VersionCommand.line());
      System.exit(0);
    }
    // Fabric8 and other libraries log through SLF4J; chartreuse reports through its own log.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    // HPAs are served as autoscaling/v2beta2 by older clusters on purpose; Fabric8 warns about it.
    System.setProperty(
        "org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils",
        "off");
    System.exit(execute(args, System.out, System.err, Env.system()));
  }

  /**
   * {@code chartreuse version} alone: every start would otherwise pay for building the whole
   * command tree (picocli reflects on every command's options), several times what printing it
   * costs.
   */
  static boolean isVersion(String[] args) {
    return args.length == 1 && (args[0].equals("version") || args[0].equals("--version"));
  }

  /** Runs one command and returns its exit code (see {@link io.chartreuse.exit.ExitCode}). */
  public static int execute(String[] args, PrintStream out, PrintStream err, Env env) {
    return CommandLineFactory.create(new CliContext(out, err, env), args).execute(args);
  }
}
