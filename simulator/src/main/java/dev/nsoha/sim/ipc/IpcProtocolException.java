package dev.nsoha.sim.ipc;

import java.io.IOException;

/** A request that does not follow the IPC protocol; the connection is dropped. */
public final class IpcProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  public IpcProtocolException(String message) {
    super(message);
  }
}
