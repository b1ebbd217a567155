package dev.nsoha.sim.cli.ssh;

import dev.nsoha.sim.cli.interpreter.CliBackend;
import dev.nsoha.sim.cli.interpreter.CliStyle;
import dev.nsoha.sim.cli.interpreter.Prompts;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Common plumbing of the shell and exec channels: streams, a worker thread, the exit status. */
abstract class AbstractCliCommand implements Command {

  private static final Logger log = LoggerFactory.getLogger(AbstractCliCommand.class);

  protected final CliBackend backend;
  protected final CliStyle style;
  protected final Prompts prompts;
  protected InputStream in;
  protected OutputStream out;
  protected OutputStream err;
  private ExitCallback exit;
  private Thread worker;
  protected String user = "";
  protected String remote = "";
  protected boolean pty;

  AbstractCliCommand(CliBackend backend, CliStyle style, Prompts prompts) {
    this.backend = backend;
    this.style = style;
    this.prompts = prompts;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    user = channel.getSession().getUsername();
    SocketAddress ra = channel.getSession().getClientAddress();
    remote =
        ra instanceof InetSocketAddress isa
            ? isa.getAddress().getHostAddress()
            : String.valueOf(ra);
    pty = !env.getPtyModes().isEmpty() || env.getEnv().containsKey(Environment.ENV_TERM);
    worker = new Thread(this::runAndExit, getClass().getSimpleName().toLowerCase() + "-" + user);
    worker.setDaemon(true);
    worker.start();
  }

  private void runAndExit() {
    int status;
    try {
      status = runSession();
    } catch (RuntimeException e) {
      log.debug("CLI session of {} ended: {}", user, e.toString());
      status = 1;
    }
    if (exit != null) {
      exit.onExit(status);
    }
  }

  /** Runs the session; returns the channel's exit status. */
  protected abstract int runSession();

  @Override
  public void destroy(ChannelSession channel) {
    if (worker != null && worker != Thread.currentThread()) {
      worker.interrupt();
    }
  }
}
