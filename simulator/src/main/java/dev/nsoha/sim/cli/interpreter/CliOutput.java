package dev.nsoha.sim.cli.interpreter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** Where a session writes: lines end with {@code \n} (a terminal wrapper adds the CR). */
public final class CliOutput {

  private final Writer out;

  public CliOutput(Writer out) {
    this.out = out;
  }

  /** Writes one line. */
  public void line(String s) {
    print(s);
    print("\n");
  }

  /** Writes text without a line end. */
  public void print(String s) {
    try {
      out.write(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flushes the underlying writer. */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
