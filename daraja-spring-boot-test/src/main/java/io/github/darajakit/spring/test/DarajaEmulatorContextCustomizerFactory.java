package io.github.darajakit.spring.test;

import java.util.List;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Adds {@link DarajaEmulatorContextCustomizer} to tests annotated {@link DarajaEmulatorTest}. */
public final class DarajaEmulatorContextCustomizerFactory implements ContextCustomizerFactory {

  /** Created by Spring's test framework. */
  public DarajaEmulatorContextCustomizerFactory() {}

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    boolean annotated =
        MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
            .isPresent(DarajaEmulatorTest.class);
    return annotated ? new DarajaEmulatorContextCustomizer() : null;
  }
}
