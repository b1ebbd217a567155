package dev.nsoha.sim.ha;

import java.util.Objects;

/**
 * Why an attempt to join a primary failed: NSO's HA error number and the text shown after it in
 * {@code be-secondary-result} ({@code error (28) - Token mismatch, secondary is not allowed}).
 *
 * <p>The numbers are the HA API's error codes (reference §2.7). Only the text of 25 was seen on a
 * real NSO; the others reuse the primary-side messages of NSO's log catalogue.
 *
 * @param code the error
 * @param text the text after the number
 */
public record HaRefusal(Code code, String text) {

  /** NSO's HA error codes that the simulator produces. */
  public enum Code {
    /** {@code CONFD_ERR_HA_CONNECT}: the primary cannot be reached or is not primary. */
    CONNECT(25),
    /** {@code HA_CLOSED}: the primary closed the connection during the join. */
    CLOSED(26),
    /** {@code HA_BADFXS}: another set of packages (fxs files). */
    BAD_FXS(27),
    /** {@code HA_BADTOKEN}: another HA token. */
    BAD_TOKEN(28),
    /** {@code HA_BADNAME}: a node id the primary does not know. */
    BAD_NAME(29),
    /** {@code HA_BADVSN}: another NSO major.minor version. */
    BAD_VERSION(52);

    private final int number;

    Code(int number) {
      this.number = number;
    }

    /** NSO's error number. */
    public int number() {
      return number;
    }

    /** The code with this number, or {@link #CONNECT} for a number the simulator does not use. */
    public static Code of(int number) {
      for (Code c : values()) {
        if (c.number == number) {
          return c;
        }
      }
      return CONNECT;
    }
  }

  private static final String NOT_CONNECTED = "could not connect to primary";

  public HaRefusal {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
  }

  /** 25: the primary cannot be reached, or the node asked is not primary. */
  public static HaRefusal cannotConnect() {
    return new HaRefusal(Code.CONNECT, NOT_CONNECTED);
  }

  /** 26: the connection broke during the join. */
  public static HaRefusal closed() {
    return new HaRefusal(Code.CLOSED, NOT_CONNECTED);
  }

  /** 52: the secondary runs another NSO major.minor. */
  public static HaRefusal badVersion(String theirs, String mine) {
    return new HaRefusal(
        Code.BAD_VERSION,
        "Incompatible HA version ("
            + theirs
            + ", expected "
            + mine
            + "), secondary is not allowed");
  }

  /** 28: the secondary proved another token. */
  public static HaRefusal badToken() {
    return new HaRefusal(Code.BAD_TOKEN, "Token mismatch, secondary is not allowed");
  }

  /** 29: the secondary's id is no other ha-node. */
  public static HaRefusal unknownNode(String id) {
    return new HaRefusal(
        Code.BAD_NAME, "Nodeid " + id + " is not a known ha-node, secondary is not allowed");
  }

  /** 27: the secondary has other packages. */
  public static HaRefusal badFxs() {
    return new HaRefusal(Code.BAD_FXS, "Fxs mismatch, secondary is not allowed");
  }

  /** The {@code be-secondary-result} value: {@code error (N) - text}. */
  public String beSecondaryResult() {
    return "error (" + code.number() + ") - " + text;
  }

  @Override
  public String toString() {
    return beSecondaryResult();
  }
}
