package dev.nsoha.sim.ha;

/**
 * What one secondary answered to a request from its primary (package sync or reload).
 *
 * @param ok whether it worked
 * @param info why not, or null
 */
public record PeerResult(boolean ok, String info) {
  /** Success. */
  public static PeerResult success() {
    return new PeerResult(true, null);
  }

  /** Failure with a reason. */
  public static PeerResult failure(String info) {
    return new PeerResult(false, info);
  }
}
