package io.github.darajakit.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.darajakit.gateway.GatewayConfig;
import java.io.IOException;

/**
 * Check 5: the C2B shortcode's confirmation and validation URLs are registered, and with the
 * gateway's address. Only the emulator can say (its admin API lists registrations); Daraja has no
 * API that reads them back, so elsewhere this says how to register.
 */
final class C2bRegistrationCheck implements Check {

  @Override
  public String id() {
    return "c2b-urls";
  }

  @Override
  public String title() {
    return "C2B URLs registered";
  }

  @Override
  public Finding run(DoctorContext context) {
    GatewayConfig gateway = context.gateway();
    String shortCode =
        gateway != null ? gateway.c2bShortCode() : context.variable("MPESA_C2B_SHORTCODE");
    if (shortCode == null) {
      return Finding.skip("no C2B shortcode configured (MPESA_C2B_SHORTCODE or c2b.shortCode)");
    }
    String register = howToRegister(context, shortCode);
    if (!context.isEmulator()) {
      return Finding.warn(
          "could not check: Daraja has no API that reads registered C2B URLs back",
          register
              + (context.isProduction()
                  ? " Production accepts one registration per shortcode: to change the URLs,"
                      + " delete them in the M-Pesa portal's URL Management first."
                      + (gateway != null && gateway.registerC2bOnStart()
                          ? " Once registered, set c2b.registerOnStart to false, so that restarts"
                              + " and extra instances do not log refusals."
                          : "")
                  : ""));
    }
    DoctorContext.AdminAnswer answer;
    try {
      answer = context.admin("GET", "/c2b/registrations", null);
    } catch (IOException e) {
      return Finding.warn(
          "could not check: the emulator's admin API did not answer (" + e + ")", register);
    }
    if (answer.status() != 200) {
      return Finding.warn(
          "could not check: the emulator's admin API answered HTTP " + answer.status(), register);
    }
    JsonNode registration = answer.body().path(shortCode);
    if (registration.isMissingNode()) {
      return Finding.fail("no C2B URLs are registered for " + shortCode, register);
    }
    String confirmation = registration.path("confirmationUrl").asText();
    if (gateway != null) {
      String expected = context.gatewayPublicUrl() + "/daraja/";
      if (!confirmation.startsWith(expected)) {
        return Finding.fail(
            shortCode
                + "'s confirmation URL is "
                + confirmation
                + ", not the gateway's ("
                + expected
                + "…)",
            register);
      }
    }
    return Finding.pass(
        shortCode
            + " is registered (confirmation "
            + confirmation
            + ", since "
            + registration.path("registeredAt").asText()
            + ")");
  }

  private static String howToRegister(DoctorContext context, String shortCode) {
    GatewayConfig gateway = context.gateway();
    if (gateway != null) {
      return "start the gateway (it registers at start unless c2b.registerOnStart is false), or"
          + " POST /v1/c2b/register, or `daraja c2b register --short-code "
          + shortCode
          + " --confirmation-url "
          + context.gatewayPublicUrl()
          + "/daraja/SECRET/c2b/confirmation --validation-url …/c2b/validation`.";
    }
    return "register them: `daraja c2b register --short-code "
        + shortCode
        + " --confirmation-url URL --validation-url URL`.";
  }
}
