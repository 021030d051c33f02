package io.github.darajakit.client;

/** What to do about a Daraja error code, in a sentence. */
final class Hints {

  private Hints() {}

  static String forErrorCode(String code, String message) {
    return switch (code) {
      case "400.002.02" ->
          "a field is missing or malformed; check the field named in the message"
              + " (\"Invalid Remarks\" means TransactionDesc)";
      case "400.002.05" -> "the body was not valid JSON";
      case "404.001.03", "401.002.01", "400.003.01", "401.001" ->
          "the access token was refused; if it persists the API product may not be enabled for"
              + " this app";
      case "404.001.04" ->
          "the Authorization header is missing or malformed, or the method is wrong";
      case "500.001.1001" -> {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("wrong credentials")) {
          yield "the STK Password is wrong: check the shortcode and passkey, and that the"
              + " Timestamp in the body is the one used in the Password";
        } else if (m.contains("merchant does not exist")) {
          yield "BusinessShortCode is not a Lipa na M-Pesa Online shortcode (use the Go-Live"
              + " shortcode, or the store number for tills)";
        } else if (m.contains("unable to lock subscriber")) {
          yield "the customer has a prompt in progress; wait at least a minute before another";
        }
        yield "";
      }
      case "500.002.1001" ->
          "Daraja already has a request with this OriginatorConversationID, and it may have been"
              + " paid: do not send it under a new id; ask Transaction Status by this id";
      case "500.003.1001" -> {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("already registered") || m.contains("duplicate notification info")) {
          yield "this shortcode already has C2B URLs; in production delete them in the M-Pesa"
              + " portal (URL Management) before registering new ones";
        }
        yield "";
      }
      case "steps.servicecallout.ExecutionFailed" ->
          message.contains("AddURLVault")
              ? "Daraja could not store these C2B URLs: the shortcode does not take C2B"
                  + " registrations (the sandbox's 174379 is STK-only: use a C2B test shortcode"
                  + " such as 600992) or its URLs are already registered"
              : "a Daraja backend failed behind the gateway; try again later";
      case "400.001" -> "the shortcode is unknown to Pull Transactions, or not registered for it";
      case "500.003.02" -> "too many requests per second (SpikeArrest); slow down";
      case "500.003.03" -> "the request quota is used up";
      default -> "";
    };
  }
}
