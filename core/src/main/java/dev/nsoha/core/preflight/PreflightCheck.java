package dev.nsoha.core.preflight;

import java.util.List;

/**
 * One preflight check: reads, never changes anything, and returns its rows of the go/no-go table.
 * Checks plug in: the program runs its cluster checks, each {@link
 * dev.nsoha.core.spi.NodeHost#preflight} (host-level: disk, tools, a package build in a scratch
 * directory), and any extra check a host kind adds.
 */
@FunctionalInterface
public interface PreflightCheck {
  List<PreflightItem> run();
}
