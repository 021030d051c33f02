package io.github.darajakit.client.billmanager;

/**
 * Bill Manager's success answer (REFERENCE §14), e.g. {@code {"Status_Message":"Invoice sent
 * successfully","resmsg":"Success","rescode":"200"}}. A {@code rescode} other than {@code 200}
 * never comes back as an answer: it is a {@link io.github.darajakit.client.DarajaApiException}.
 *
 * @param rescode {@code "200"}
 * @param resmsg {@code "Success"}
 * @param statusMessage {@code Status_Message}, e.g. {@code Invoice sent successfully}, or {@code
 *     ""} when the answer has none (opt-in update, acknowledgement)
 * @param rawJson the answer as received, for audit
 */
public record BillManagerAnswer(
    String rescode, String resmsg, String statusMessage, String rawJson) {}
