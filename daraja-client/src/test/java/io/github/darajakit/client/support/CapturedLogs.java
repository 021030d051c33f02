package io.github.darajakit.client.support;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;

/**
 * A logback appender that keeps every log line of the test JVM (messages, arguments and stack
 * traces), so a test can prove no secret was ever logged. Wired in logback-test.xml.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

  private static final List<String> LINES = new ArrayList<>();

  /** Everything logged so far. */
  public static synchronized List<String> lines() {
    return new ArrayList<>(LINES);
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ');
    line.append(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
    }
    synchronized (CapturedLogs.class) {
      LINES.add(line.toString());
    }
  }
}
