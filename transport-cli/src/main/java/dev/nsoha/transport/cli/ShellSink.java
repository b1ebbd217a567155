package dev.nsoha.transport.cli;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Receives what the node prints on the shell channel (jsch writes into it from its session thread)
 * and lets the command thread wait, with a deadline, until the text seen so far satisfies a
 * condition (a prompt at the end). Thread-safe. {@link #close()} marks the end of the stream: jsch
 * closes it when the channel ends.
 */
final class ShellSink extends OutputStream {
  /**
   * How long one wait blocks before it rechecks whether the channel is still alive. Not a pause:
   * writes wake it.
   */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private final StringBuilder text = new StringBuilder();
  private long received;
  private boolean closed;

  /**
   * At most this many characters are kept between two drains: a reply that grows beyond it without
   * a prompt (a node that never stops talking) is not kept, and the wait ends as {@link
   * Outcome#OVERFLOW}.
   */
  private final long maxChars;

  /** A sink that keeps at most {@code maxChars} characters between two drains. */
  ShellSink(long maxChars) {
    this.maxChars = maxChars;
  }

  /** A sink with the default limit (32 Mi characters). */
  ShellSink() {
    this(32L * 1024 * 1024);
  }

  private boolean overflow;

  /**
   * While a reply is streamed ({@link #startStream()}): where the text not yet taken starts. Writes
   * wait while more than {@link #STREAM_WINDOW} characters are not yet taken, so that a reply of
   * any size passes through in bounded memory (jsch's session thread waits for the reader).
   */
  private int start;

  private boolean streaming;

  /** How many characters a streamed reply keeps at most before the writer waits. */
  static final int STREAM_WINDOW = 1024 * 1024;

  /** What {@link #takeLine} found. */
  enum Take {
    /** A whole line (its newline removed). */
    LINE,
    /** A piece of a line longer than the window, with no newline yet. */
    PART,
    /** The text not yet taken is a prompt that ends the reply; it stays for {@link #drain()}. */
    END,
    CLOSED,
    /** Nothing arrived for the idle timeout. */
    IDLE
  }

  /** A {@link Take} and its text. */
  record Taken(Take kind, String text) {}

  /** The outcome of a wait. */
  enum Outcome {
    MATCHED,
    CLOSED,
    TIMED_OUT,
    /** More than the limit arrived without the awaited text. */
    OVERFLOW
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    lock.lock();
    try {
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + len);
      in.put(pending).put(b, off, len).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, false);
      out.flip();
      while (streaming && !closed && text.length() - start > STREAM_WINDOW) {
        changed.awaitUninterruptibly();
      }
      if (streaming) {
        text.append(out);
      } else if ((long) text.length() + out.length() > maxChars) {
        overflow = true;
      } else {
        text.append(out);
      }
      pending = in.slice();
      received += len;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Bytes received since the stream was created. */
  long received() {
    lock.lock();
    try {
      return received;
    } finally {
      lock.unlock();
    }
  }

  /** Starts streaming a reply: the text received so far stays, to be taken line by line. */
  void startStream() {
    lock.lock();
    try {
      streaming = true;
      start = 0;
    } finally {
      lock.unlock();
    }
  }

  /** Ends streaming: what was not taken stays for {@link #drain()}; writes no longer wait. */
  void endStream() {
    lock.lock();
    try {
      streaming = false;
      text.delete(0, start);
      start = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * While streaming: waits for the next whole line and takes it, or for the untaken text to satisfy
   * {@code end} (a prompt after the last line). Waits at most {@code idleNanos} without receiving
   * anything: the deadline moves with every byte that arrives, so a long reply that keeps coming
   * never times out.
   */
  Taken takeLine(Predicate<CharSequence> end, long idleNanos, BooleanSupplier alive)
      throws InterruptedException {
    lock.lock();
    try {
      long seen = received;
      long deadline = System.nanoTime() + idleNanos;
      while (true) {
        int nl = text.indexOf("\n", start);
        if (nl >= 0) {
          return take(Take.LINE, nl, nl + 1);
        }
        if (text.length() - start >= STREAM_WINDOW) {
          return take(Take.PART, text.length(), text.length());
        }
        CharSequence rest = text.subSequence(start, text.length());
        if (rest.length() > 0 && end.test(rest)) {
          return new Taken(Take.END, rest.toString());
        }
        if (closed || !alive.getAsBoolean()) {
          return new Taken(Take.CLOSED, rest.toString());
        }
        if (received != seen) {
          seen = received;
          deadline = System.nanoTime() + idleNanos;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return new Taken(Take.IDLE, rest.toString());
        }
        changed.awaitNanos(Math.min(left, RECHECK_NANOS));
      }
    } finally {
      lock.unlock();
    }
  }

  private Taken take(Take kind, int endOfText, int next) {
    String line = text.substring(start, endOfText);
    start = next;
    if (start > 65_536 && start > text.length() / 2) {
      text.delete(0, start);
      start = 0;
    }
    changed.signalAll();
    return new Taken(kind, line);
  }

  /** How many characters are held and not yet taken. */
  int held() {
    lock.lock();
    try {
      return text.length() - start;
    } finally {
      lock.unlock();
    }
  }

  /** Takes and clears what has been received so far. */
  String drain() {
    lock.lock();
    try {
      String s = text.toString();
      text.setLength(0);
      overflow = false;
      return s;
    } finally {
      lock.unlock();
    }
  }

  /** What has been received and not drained, without clearing it. */
  String peek() {
    return peek(Integer.MAX_VALUE);
  }

  /** The first {@code maxChars} characters received and not drained, without clearing them. */
  String peek(int maxChars) {
    lock.lock();
    try {
      return text.substring(0, Math.min(maxChars, text.length()));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until {@code done} holds for the text received so far, the stream ends, {@code alive}
   * turns false, or the deadline ({@link System#nanoTime()}) passes.
   */
  Outcome await(Predicate<CharSequence> done, long deadlineNanos, BooleanSupplier alive)
      throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (done.test(text)) {
          return Outcome.MATCHED;
        }
        if (overflow) {
          return Outcome.OVERFLOW;
        }
        if (closed || !alive.getAsBoolean()) {
          return Outcome.CLOSED;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return Outcome.TIMED_OUT;
        }
        changed.awaitNanos(Math.min(left, RECHECK_NANOS));
      }
    } finally {
      lock.unlock();
    }
  }
}
