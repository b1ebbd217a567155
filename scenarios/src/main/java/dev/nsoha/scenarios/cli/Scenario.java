package dev.nsoha.scenarios.cli;

import dev.nsoha.scenarios.input.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The two upgrades, named as the NSO example's make targets name them. */
public enum Scenario {
  UPGRADE_NSO("upgrade-nso"),
  UPGRADE_PKGS_SYS("upgrade-pkgs-sys");

  private final String id;

  Scenario(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Parses {@code upgrade-nso} or {@code upgrade-pkgs-sys}. */
  public static Scenario parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.id.equals(text))
        .findFirst()
        .orElseThrow(
            () ->
                new UsageException(
                    "unknown scenario '"
                        + text
                        + "'; valid scenarios: "
                        + Arrays.stream(values())
                            .map(Scenario::id)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return id;
  }

  /** For picocli: completion candidates and conversion. */
  public static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    public Names() {
      super(Arrays.stream(values()).map(Scenario::id).toList());
    }
  }
}
