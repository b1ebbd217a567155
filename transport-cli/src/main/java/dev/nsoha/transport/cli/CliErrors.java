package dev.nsoha.transport.cli;

import dev.nsoha.core.error.InvalidInputException;
import dev.nsoha.core.error.NotFoundException;
import dev.nsoha.core.error.NsoException;
import dev.nsoha.core.error.OperationFailedException;
import dev.nsoha.core.error.ReadOnlyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps the error replies of NSO's C-style CLI into the core hierarchy (docs/nso-interface.md,
 * "Read-only mode" and "CLI"):
 *
 * <ul>
 *   <li>{@code Aborted: <reason>}: {@link ReadOnlyException} when the reason says read-only, {@link
 *       InvalidInputException} when it names an invalid or illegal value, otherwise {@link
 *       OperationFailedException};
 *   <li>{@code Error: <reason>}: {@link NotFoundException} when the reason says something does not
 *       exist, {@link ReadOnlyException} for read-only, otherwise {@link OperationFailedException};
 *   <li>{@code syntax error: <reason>}: {@link InvalidInputException}.
 * </ul>
 *
 * The detail is the node's message: the reason after {@code Aborted: } or {@code Error: }, and the
 * whole {@code syntax error: ...} text, with any continuation lines. Stateless.
 */
final class CliErrors {
  private static final String ABORTED = "Aborted:";
  private static final String ERROR = "Error:";
  private static final String SYNTAX = "syntax error:";

  private CliErrors() {}

  /** The error in a command's output, if it has one. */
  static Optional<NsoException> find(String output, String where, String operation) {
    List<String> lines = output.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      String kind =
          t.startsWith(ABORTED)
              ? ABORTED
              : t.startsWith(ERROR) ? ERROR : t.startsWith(SYNTAX) ? SYNTAX : null;
      if (kind == null) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      parts.add(kind.equals(SYNTAX) ? t : t.substring(kind.length()).strip());
      for (int j = i + 1; j < lines.size(); j++) {
        String more = lines.get(j).strip();
        if (!more.isEmpty()) {
          parts.add(more);
        }
      }
      String detail = String.join(" ", parts);
      return Optional.of(map(kind, detail, where, operation));
    }
    return Optional.empty();
  }

  private static NsoException map(String kind, String detail, String where, String operation) {
    String d = detail.toLowerCase(Locale.ROOT);
    boolean readOnly = d.contains("read-only") || d.contains("read only");
    if (kind.equals(SYNTAX)) {
      return new InvalidInputException(where, operation, detail);
    }
    if (readOnly) {
      return new ReadOnlyException(where, operation, detail);
    }
    if (kind.equals(ABORTED)) {
      if (d.contains("invalid")
          || d.contains("illegal")
          || d.contains("not a valid")
          || d.contains("bad value")
          || d.contains("unknown element")
          || d.contains("element does not exist")) {
        return new InvalidInputException(where, operation, detail);
      }
      return new OperationFailedException(where, operation, detail);
    }
    if (d.contains("not found")
        || d.contains("does not exist")
        || d.contains("no such")
        || d.contains("not exist")
        || d.contains("unknown ha node")
        || d.contains("unknown node")
        || d.contains("not a configured")) {
      return new NotFoundException(where, operation, detail);
    }
    if (d.contains("invalid") || d.contains("illegal") || d.contains("bad value")) {
      return new InvalidInputException(where, operation, detail);
    }
    return new OperationFailedException(where, operation, detail);
  }
}
