package dev.nsoha.core.spi;

import java.util.Objects;

/**
 * A user name and password for a node's northbound interfaces. {@link #toString()} never shows the
 * password.
 */
public record Credentials(String username, String password) {
  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("user name must not be blank");
    }
  }

  /** The example set-up's {@code admin}/{@code admin}. */
  public static Credentials exampleAdmin() {
    return new Credentials("admin", "admin");
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", password=***]";
  }
}
