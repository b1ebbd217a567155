package dev.nsoha.core.digest;

import java.util.Arrays;
import java.util.Objects;

/**
 * The digest of one unit of configuration: a list entry, or the members of a top-level subtree that
 * are not in a list entry. It names the unit by its path ({@code /dummy:dummies/dummy{d1}}) and
 * holds, for each leaf in it (outside nested list entries, which are units of their own), the
 * leaf's path relative to the unit and a 32-bit digest of its value.
 *
 * @param path the unit's path, e.g. {@code /dummy:dummies/dummy{d1}}
 * @param names each leaf's path relative to the unit ({@code address}, {@code settings/mtu})
 * @param hashes each leaf's value digest, aligned with {@code names}
 */
public record DigestRecord(String path, String[] names, int[] hashes) {
  public DigestRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(hashes, "hashes");
    if (names.length != hashes.length) {
      throw new IllegalArgumentException("names and hashes differ in length");
    }
  }

  /** The index of leaf {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DigestRecord r
        && path.equals(r.path)
        && Arrays.equals(names, r.names)
        && Arrays.equals(hashes, r.hashes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, Arrays.hashCode(names), Arrays.hashCode(hashes));
  }

  @Override
  public String toString() {
    return path + " " + Arrays.toString(names);
  }
}
