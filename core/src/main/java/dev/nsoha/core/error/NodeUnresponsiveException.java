package dev.nsoha.core.error;

/**
 * The node accepted a connection or a request and then gave no answer within its deadline: it is
 * hung (a stopped process, a node overloaded past its timeouts), not down. Once a node gave this in
 * a run, the run does not ask it again: every later request fails at once with this exception, and
 * waits on the node end at once instead of polling it until their deadline. See {@link
 * ErrorCode#UNREACHABLE}.
 */
public class NodeUnresponsiveException extends UnreachableException {
  private static final long serialVersionUID = 1L;

  public NodeUnresponsiveException(String where, String operation, String detail, Throwable cause) {
    super(where, operation, detail, cause);
  }

  /**
   * Whether {@code e} says that a node took a connection or a request and then did not answer in
   * time: a request's deadline passed (a {@link NsoTimeoutException}), or a connection was accepted
   * but its handshake never came.
   */
  public static boolean isNoAnswer(NsoException e) {
    if (e instanceof NodeUnresponsiveException || e instanceof NsoTimeoutException) {
      return true;
    }
    String d = e.detail();
    return e instanceof UnreachableException
            && (d.startsWith("no answer from") || d.contains("connect timed out"))
        || e instanceof ProtocolException && d.contains("no CLI prompt within");
  }
}
