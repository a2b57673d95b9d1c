package io.chartreuse.terminal;

/** What a table cell means to the eye; the palette turns it into a colour, or into nothing. */
public enum Tone {
  PLAIN,
  /** Wants attention soon: pending migrations, a run in progress. */
  NOTICE,
  /** Something is wrong: drift, a failed run, an unreadable record. */
  PROBLEM,
  /** The application is down because of chartreuse: Deployments left stopped. */
  ALARM,
  /** All is well. */
  GOOD
}
