package dev.nsoha.scenarios.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node's observed state, as the page draws it, read from a run report: either the object form
 * ({@code {"summary": ..., "reachable": true, "version": "6.5.1", "ha": {"enabled": true, "mode":
 * "primary", "readOnly": false, ...}}}) or the one-line form of older reports ({@code NSO 6.5.1,
 * enabled primary rw secondaries=[n2,n3]}).
 *
 * @param reachable whether the node answered
 * @param version its NSO version, or empty
 * @param role {@code primary}, {@code secondary}, {@code none} or {@code down}; for an HA Raft
 *     member {@code leader}, {@code follower}, {@code candidate} or {@code stalled}
 * @param haEnabled whether HA is enabled on it
 * @param readOnly whether it is in read-only mode
 * @param summary the state in one line
 */
record NodeView(
    boolean reachable,
    String version,
    String role,
    boolean haEnabled,
    boolean readOnly,
    String summary) {

  private static final Pattern LINE =
      Pattern.compile(
          "NSO (\\S+), (?:HA )?(enabled|disabled) (primary|secondary|none)(?: \\(assigned \\w+\\))?"
              + " (ro|rw).*");

  /** A node that could not be read. */
  static NodeView down(String summary) {
    return new NodeView(false, "", "down", false, false, summary);
  }

  /** Reads either form; an unknown shape is kept as its text, with the role unknown (none). */
  static NodeView of(JsonNode state) {
    if (state == null || state.isNull() || state.isMissingNode()) {
      return down("not observed");
    }
    if (state.isTextual()) {
      return parse(state.asText());
    }
    String summary = state.path("summary").asText("");
    if (!state.path("reachable").asBoolean(true)) {
      String error = state.path("error").asText("");
      return down(summary.isEmpty() ? "not readable: " + error : summary);
    }
    JsonNode raft = state.path("raft");
    if (raft.isObject()) {
      // HA Raft: the lane shows the Raft role (leader, follower, candidate, stalled).
      String role = raft.path("role").asText("stalled").toLowerCase(Locale.ROOT);
      return new NodeView(
          true,
          state.path("version").asText(""),
          role,
          true,
          state.path("ha").path("readOnly").asBoolean(false),
          summary);
    }
    JsonNode ha = state.path("ha");
    if (ha.isMissingNode() || ha.isNull()) {
      return parse(summary);
    }
    boolean enabled = ha.path("enabled").asBoolean(false);
    String mode = ha.path("mode").asText("none").toLowerCase(Locale.ROOT);
    return new NodeView(
        true,
        state.path("version").asText(""),
        enabled ? mode : "none",
        enabled,
        ha.path("readOnly").asBoolean(false),
        summary);
  }

  static NodeView parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return line.startsWith("not readable")
          ? down(line)
          : new NodeView(true, "", "none", false, false, line);
    }
    boolean enabled = m.group(2).equals("enabled");
    return new NodeView(
        true, m.group(1), enabled ? m.group(3) : "none", enabled, m.group(4).equals("ro"), line);
  }

  /** Whether this node takes writes for the cluster: reachable, HA primary, read-write. */
  boolean writable() {
    // An HA Raft leader's read-only flag is not in the snapshot: it never counts as writable here,
    // so that the drawn window of a Raft run is never shorter than the real one.
    return reachable && haEnabled && role.equals("primary") && !readOnly;
  }
}
