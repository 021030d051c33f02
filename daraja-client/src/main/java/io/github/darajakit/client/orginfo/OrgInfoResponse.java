package io.github.darajakit.client.orginfo;

/**
 * The organisation behind a PayBill or till, as Query Org Info answers it (REFERENCE §16).
 *
 * @param conversationId Daraja's {@code ConversationID}
 * @param responseCode {@code "4000"} in Daraja's sample, {@code "0"} in its prose (⚠ both mean
 *     success)
 * @param responseMessage e.g. {@code Success}
 * @param detailedMessage e.g. {@code Request received successfully}
 * @param organizationShortCode the shortcode or till, echoed
 * @param organizationName the organisation's registered name
 * @param chargeProfileId the tariff profile, e.g. {@code 20013}, or {@code ""}
 * @param rawJson the answer as received, for audit
 */
public record OrgInfoResponse(
    String conversationId,
    String responseCode,
    String responseMessage,
    String detailedMessage,
    String organizationShortCode,
    String organizationName,
    String chargeProfileId,
    String rawJson) {}
