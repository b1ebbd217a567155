package dev.nsoha.core.model;

import java.util.Locale;
import java.util.Objects;

/** One entry of {@code software packages list} on a system install. */
public record SoftwarePackage(String name, State state) {
  public SoftwarePackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
  }

  /** The state NSO reports for a package file in the store. */
  public enum State {
    INSTALLABLE,
    INSTALLED,
    LOADED;

    public static State fromNso(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String nsoName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The package name without {@code .tar.gz} or {@code .tgz}, as {@code software packages install
   * package} takes it.
   */
  public String baseName() {
    return stripArchiveSuffix(name);
  }

  public static String stripArchiveSuffix(String file) {
    if (file.endsWith(".tar.gz")) {
      return file.substring(0, file.length() - ".tar.gz".length());
    }
    if (file.endsWith(".tgz")) {
      return file.substring(0, file.length() - ".tgz".length());
    }
    return file;
  }
}
