/** The Actuator health indicator: can the client get a token from Daraja. */
package io.github.darajakit.spring.health;
