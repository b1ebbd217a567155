package dev.nsoha.core.spi;

import dev.nsoha.core.model.NodeId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A backup of one node, taken before an upgrade.
 *
 * @param node the node
 * @param file where the backup is
 * @param sha256 the file's checksum, hex
 * @param taken when it was taken
 */
public record Backup(NodeId node, Path file, String sha256, Instant taken) {
  public Backup {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(taken, "taken");
  }
}
