package dev.nsoha.sim.data;

import java.util.Objects;

/** One recorded write of a transaction; {@code content} is null for DELETE. */
public record Edit(Trees.Op op, DataPath path, DataNode content) {
  public Edit {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(path, "path");
    if (op != Trees.Op.DELETE) {
      Objects.requireNonNull(content, "content");
    }
  }
}
