/**
 * {@link io.github.darajakit.spring.test.DarajaEmulatorTest}: Spring Boot tests against an embedded
 * DarajaKit emulator.
 */
package io.github.darajakit.spring.test;
