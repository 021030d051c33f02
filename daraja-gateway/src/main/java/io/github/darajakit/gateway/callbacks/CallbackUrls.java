package io.github.darajakit.gateway.callbacks;

/**
 * The URLs the gateway gives Daraja to call back on: {@code <public URL>/daraja/<secret>/<kind>}.
 * The one place they are written, so that each flow asks for its kind's URL and never spells the
 * secret path itself.
 */
public final class CallbackUrls {

  private final String publicUrl;
  private final String secret;

  /**
   * @param publicUrl the base Daraja reaches the gateway at, without a trailing slash
   * @param secret the path secret
   */
  public CallbackUrls(String publicUrl, String secret) {
    this.publicUrl = publicUrl;
    this.secret = secret;
  }

  /** Where Daraja posts callbacks of this kind. */
  public String url(CallbackKind kind) {
    return publicUrl + CallbackEndpoint.path(secret, kind);
  }

  /** Never the secret: this is logged. */
  @Override
  public String toString() {
    return publicUrl + "/daraja/****/…";
  }
}
