package io.github.darajakit.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A shop that takes M-Pesa: {@code POST /orders} starts an STK push, the callback marks the order
 * paid. Run it against {@code ./daraja emulator} with the settings in application.properties.
 */
@SpringBootApplication
public class ShopApplication {

  /** Starts the shop. */
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
