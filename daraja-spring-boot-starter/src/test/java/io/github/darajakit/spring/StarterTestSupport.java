package io.github.darajakit.spring;

import java.lang.reflect.Method;
import org.springframework.boot.SpringBootVersion;

/**
 * What differs between the Boot lines, for tests compiled once and run on both (this module runs
 * them on Boot 4, daraja-spring-boot3-tests on Boot 3.5).
 */
public final class StarterTestSupport {

  private StarterTestSupport() {}

  /** The Boot line on the test classpath: 3 or 4. */
  public static int bootLine() {
    return Integer.parseInt(SpringBootVersion.getVersion().split("\\.")[0]);
  }

  /** The HealthIndicator interface of the line on the classpath. */
  public static Class<?> healthIndicatorType() throws ClassNotFoundException {
    return Class.forName(
        bootLine() >= 4
            ? "org.springframework.boot.health.contributor.HealthIndicator"
            : "org.springframework.boot.actuate.health.HealthIndicator");
  }

  /** {@code indicator.health().getStatus().getCode()}, whichever line's types they are. */
  public static String status(Object indicator) throws ReflectiveOperationException {
    Object health = call(indicator, "health");
    return (String) call(call(health, "getStatus"), "getCode");
  }

  /** {@code indicator.health().getDetails()}, whichever line's types they are. */
  public static Object details(Object indicator) throws ReflectiveOperationException {
    return call(call(indicator, "health"), "getDetails");
  }

  private static Object call(Object target, String method) throws ReflectiveOperationException {
    Method found = target.getClass().getMethod(method);
    found.setAccessible(true);
    return found.invoke(target);
  }
}
