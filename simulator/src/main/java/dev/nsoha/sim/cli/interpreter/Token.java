package dev.nsoha.sim.cli.interpreter;

/**
 * One word of a command line.
 *
 * @param text the word with quotes removed and escapes resolved
 * @param quoted true if (part of) the word was written in double quotes; a quoted brace is a value,
 *     not a block delimiter
 */
public record Token(String text, boolean quoted) {

  /** True if this token is the unquoted punctuation {@code p} ({@code { } [ ]}). */
  public boolean is(String p) {
    return !quoted && text.equals(p);
  }

  @Override
  public String toString() {
    return quoted ? '"' + text + '"' : text;
  }
}
