/** Micrometer meters for the client's requests, retries, failures and token renewals. */
package io.github.darajakit.spring.metrics;
