package io.chartreuse.version;

/** This build's version, from the jar manifest (set by Maven); "dev" when run from classes. */
public final class RunnerVersion {
  private RunnerVersion() {}

  public static String current() {
    String version = RunnerVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
