/**
 * Spring Boot auto-configuration for DarajaKit: a {@link io.github.darajakit.client.DarajaClient}
 * bean from {@code daraja.*} (or {@code MPESA_*}) settings. See {@code docs/spring-boot.md}.
 */
package io.github.darajakit.spring;
