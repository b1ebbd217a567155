package dev.nsoha.scenarios.console;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** A logback pattern layout whose output goes through {@link Secrets#mask}. */
public final class MaskingLayout extends PatternLayout {
  @Override
  public String doLayout(ILoggingEvent event) {
    return Secrets.mask(super.doLayout(event));
  }
}
