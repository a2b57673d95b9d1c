package io.chartreuse.status;

import io.chartreuse.terminal.Tone;

/** A table cell: its text, and what it means to the eye. */
record Cell(String text, Tone tone) {
  static Cell plain(String text) {
    return new Cell(text, Tone.PLAIN);
  }
}
