package io.github.darajakit.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A {@link SpringBootTest} on a random port whose {@code DarajaClient} bean talks to an embedded
 * DarajaKit emulator, and whose callback endpoint is where the emulator posts callbacks ({@code
 * daraja.callbacks.public-url} is {@code http://127.0.0.1:<local.server.port>}).
 *
 * <pre>{@code
 * @DarajaEmulatorTest
 * class CheckoutTest {
 *   @Autowired DarajaClient daraja;      // points at the emulator
 *   @Autowired DarajaEmulator emulator;  // its admin API, certificate, reset()
 * }
 * }</pre>
 *
 * <p>One emulator serves every test class in the JVM (it starts on first use on a free port and
 * stops when the JVM exits), so Spring's context cache still shares contexts between classes. The
 * client gets the emulator's URL, the sandbox STK shortcode and passkey, and the test initiator
 * with a credential the emulator accepts; these win over the application's own {@code daraja.*} and
 * {@code MPESA_*} settings. Unless the test says otherwise, {@code daraja.callbacks.enabled} is
 * true and {@code daraja.callbacks.secret} is a fixed test value.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextCustomizerFactories(DarajaEmulatorContextCustomizerFactory.class)
public @interface DarajaEmulatorTest {

  /** Further properties, as {@link SpringBootTest#properties()}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
  String[] properties() default {};

  /** The application's configuration classes, as {@link SpringBootTest#classes()}. */
  @AliasFor(annotation = SpringBootTest.class, attribute = "classes")
  Class<?>[] classes() default {};
}
