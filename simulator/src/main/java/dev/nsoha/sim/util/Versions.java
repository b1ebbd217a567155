package dev.nsoha.sim.util;

/** NSO version strings: {@code 6.4.4}, {@code 6.4}, {@code 6.1.0}. */
public final class Versions {
  private Versions() {}

  /** The {@code major.minor} part of a version string. */
  public static String majorMinor(String version) {
    String[] p = version.trim().split("[._]");
    return p.length >= 2 ? p[0] + "." + p[1] : p[0];
  }

  /** Compares dotted versions numerically, component by component (missing parts count as 0). */
  public static int compare(String a, String b) {
    String[] x = a.trim().split("[._]");
    String[] y = b.trim().split("[._]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long u = i < x.length ? num(x[i]) : 0;
      long v = i < y.length ? num(y[i]) : 0;
      if (u != v) {
        return Long.compare(u, v);
      }
    }
    return 0;
  }

  private static long num(String s) {
    StringBuilder d = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (!Character.isDigit(c)) {
        break;
      }
      d.append(c);
    }
    return d.length() == 0 ? 0 : Long.parseLong(d.toString());
  }
}
