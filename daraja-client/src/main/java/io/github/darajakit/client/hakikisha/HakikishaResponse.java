package io.github.darajakit.client.hakikisha;

/**
 * The registered name behind a number, as B2C Hakikisha answers it (REFERENCE §16): the first name
 * in the clear, the middle and last names masked, e.g. {@code john M****** M******}.
 *
 * @param requestId {@code header.requestID}, echoed from the request
 * @param timestamp {@code header.timestamp} as received
 * @param status {@code header.status}, {@code "200"} on success
 * @param message {@code header.message}, e.g. {@code Success}
 * @param firstName {@code body.firstName}, in the clear
 * @param middleName {@code body.middleName}, masked ({@code M******}), or {@code ""}
 * @param lastName {@code body.lastName}, masked, or {@code ""}
 * @param rawJson the answer as received, for audit
 */
public record HakikishaResponse(
    String requestId,
    String timestamp,
    String status,
    String message,
    String firstName,
    String middleName,
    String lastName,
    String rawJson) {

  /** The names as Daraja gave them, blanks left out: {@code "john M****** M******"}. */
  public String maskedName() {
    StringBuilder name = new StringBuilder();
    for (String part : new String[] {firstName, middleName, lastName}) {
      if (part != null && !part.isBlank()) {
        if (!name.isEmpty()) {
          name.append(' ');
        }
        name.append(part.strip());
      }
    }
    return name.toString();
  }
}
