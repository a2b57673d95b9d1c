package io.chartreuse.cli;

import picocli.CommandLine.Command;

/** The root command. kubectl and helm plugins dispatch to the same tree. */
@Command(
    name = "chartreuse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Database schema migrations as a safe, observable step of every Helm deployment.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      RepairCommand.class,
      RestoreCommand.class,
      StatusCommand.class,
      LaunchCommand.class,
      CleanupCommand.class,
      UpgradeCommand.class,
      VersionCommand.class,
      CompletionCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:error (unexpected, or the operation failed)",
      "2:usage error",
      "3:pending migrations found",
      "4:drift found",
      "5:a failed migration is recorded",
      "6:timed out (database, lock, pods)",
      "7:stranded Deployments found"
    })
final class ChartreuseCommand {}
