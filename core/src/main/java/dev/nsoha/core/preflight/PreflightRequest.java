package dev.nsoha.core.preflight;

import dev.nsoha.core.spi.Install;
import java.util.Optional;

/**
 * What a host's preflight is asked about.
 *
 * @param target the install an NSO version upgrade moves to: the node's packages must build with it
 *     (in a scratch directory, never in the node's run directory); empty for a package upgrade
 * @param backups whether the run backs the node up, so that the backup directory needs room for it
 */
public record PreflightRequest(Optional<Install> target, boolean backups) {}
