package io.github.darajakit.cli.doctor;

/** Check 1: the consumer key and secret get an access token from Daraja's OAuth. */
final class TokenCheck implements Check {

  @Override
  public String id() {
    return "oauth";
  }

  @Override
  public String title() {
    return "Credentials give a token";
  }

  @Override
  public Finding run(DoctorContext context) {
    DoctorContext.Daraja daraja = context.daraja();
    if (daraja.client() == null) {
      return Finding.fail(daraja.problem(), daraja.fix());
    }
    return Finding.pass(
        context.baseUrl() + " (" + context.environment() + ") gave an access token");
  }
}
