package dev.nsoha.host.install;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the commands that need root on a host run under {@code sudo}, and the password sudo asks
 * for. The password goes to {@code sudo -S} on standard input, never into arguments or logs; {@link
 * #toString()} never shows it.
 */
public final class Sudo {
  /** No sudo: the login user runs everything (it is root, or owns NSO's directories). */
  public static final Sudo NONE = new Sudo(false, null);

  private final boolean enabled;
  private final Supplier<String> password;

  private Sudo(boolean enabled, Supplier<String> password) {
    this.enabled = enabled;
    this.password = password;
  }

  /** sudo without a password ({@code sudo -n}: a rule with NOPASSWD). */
  public static Sudo passwordless() {
    return new Sudo(true, null);
  }

  /** sudo with the password {@code password} supplies (read when first needed). */
  public static Sudo withPassword(Supplier<String> password) {
    return new Sudo(true, Objects.requireNonNull(password, "password"));
  }

  public boolean enabled() {
    return enabled;
  }

  /** The password, if one was given. */
  Optional<String> password() {
    return password == null ? Optional.empty() : Optional.ofNullable(password.get());
  }

  @Override
  public String toString() {
    return !enabled ? "no sudo" : password == null ? "sudo -n" : "sudo -S (password given)";
  }
}
