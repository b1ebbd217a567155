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
  static final int MAX_CHARS = 32 * 1024 * 1024;

  private boolean overflow;

  /** The outcome of a wait. */
  enum Outcome {
    MATCHED,
    CLOSED,
    TIMED_OUT,
    /** More than {@link #MAX_CHARS} arrived without the awaited text. */
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
      if (text.length() + out.length() > MAX_CHARS) {
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
