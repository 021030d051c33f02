package io.github.darajakit.emulator.internal.http;

/**
 * Daraja rejects a bad access token differently per API family (REFERENCE §2, §22.2). Clients must
 * recognise all of these, so the emulator reproduces each one on its own paths.
 */
public enum TokenFamily {
  /** OAuth itself: Basic auth, not a bearer token. */
  NONE,
  /** STK push, STK query, reversal, QR: HTTP 404 {@code 404.001.03 "Invalid Access Token"}. */
  LIPA_NA_MPESA,
  /**
   * Balance, B2C, B2Pochi, B2B, tax: HTTP 401 {@code 401.002.01 "Error Occurred - Invalid Access
   * Token - <token>"}.
   */
  ORG,
  /** C2B, transaction status, top-up: HTTP 400 {@code 400.003.01 "Invalid Access Token"}. */
  C2B,
  /**
   * Pull transactions, Hakikisha, Org Info (and, ⚠ undocumented, IMSI/SIM swap): HTTP 401 {@code
   * 401.001 "Invalid Access Token"}.
   */
  PULL,
  /**
   * Bill Manager: HTTP 401 {@code {"errorCode":"401","errorMessage":"Unauthorized - Invalid…"}}.
   */
  BILL_MANAGER;

  /** The error for an unknown or expired token in this family. */
  public DarajaError invalidToken(String token) {
    return switch (this) {
      case LIPA_NA_MPESA, NONE -> DarajaError.of("404.001.03", "Invalid Access Token");
      case ORG -> DarajaError.of("401.002.01", "Error Occurred - Invalid Access Token - " + token);
      case C2B -> DarajaError.of("400.003.01", "Invalid Access Token");
      case PULL -> DarajaError.of("401.001", "Invalid Access Token");
      case BILL_MANAGER -> DarajaError.of("401", "Unauthorized - Invalid Access Token");
    };
  }
}
