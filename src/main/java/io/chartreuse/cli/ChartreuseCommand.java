package io.chartreuse.cli;

import picocli.CommandLine.Command;

/**
 * The root command. kubectl and helm plugins dispatch to the same tree. Its subcommands are added
 * by {@link CommandLineFactory}, only the invoked one when that is enough.
 */
@Command(
    name = "chartreuse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Database schema migrations as a safe, observable step of every Helm deployment.",
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
