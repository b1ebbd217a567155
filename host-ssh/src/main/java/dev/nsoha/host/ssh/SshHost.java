package dev.nsoha.host.ssh;

import dev.nsoha.core.spi.Install;
import dev.nsoha.host.install.HostLayout;
import dev.nsoha.host.install.InstallHost;
import java.time.Duration;

/**
 * A node on its own host, reached over SSH: core's {@link InstallHost} with a {@link JschRunner}.
 * It does over SSH what the local host does here, for local and system installs alike: copies
 * installers and packages over SFTP, runs the installer side by side with the installed release,
 * rebuilds the packages or takes new versions from a directory, repoints {@code current}, stops and
 * starts the node through its service manager with a package reload, backs it up with {@code
 * ncs-backup} and keeps a checksummed copy here, and reports the version.
 *
 * <p>Thread-safe for different nodes; calls for one node must not overlap. Close it to end the SSH
 * session.
 */
public final class SshHost extends InstallHost {
  private final SshTarget target;

  /**
   * @param target how to reach the host
   * @param layout where the node lives there
   * @param current the install the node runs now (for a system install: its {@code current})
   * @param timeout deadline for each command
   */
  public SshHost(SshTarget target, HostLayout layout, Install current, Duration timeout) {
    super(new JschRunner(target), layout, current, timeout);
    this.target = target;
  }

  public SshTarget target() {
    return target;
  }

  @Override
  protected String where() {
    return hostLayout().node() + " (ssh " + target + ")";
  }
}
