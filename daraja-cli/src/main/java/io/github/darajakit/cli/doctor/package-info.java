/**
 * {@code daraja doctor}: the go-live checks. Each check is a small {@link
 * io.github.darajakit.cli.doctor.Check} that looks at one thing in the configured environment and
 * answers with a {@link io.github.darajakit.cli.doctor.Finding}; {@link
 * io.github.darajakit.cli.doctor.Doctor} runs them in order and never lets a secret into what they
 * say.
 */
package io.github.darajakit.cli.doctor;
