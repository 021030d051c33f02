package io.github.darajakit.client.billmanager;

/**
 * What became of one invoice sent with {@code sendInvoice}.
 *
 * @param externalReference the invoice's reference
 * @param alreadySent true if Bill Manager refused it because it already holds an invoice with this
 *     externalReference (409 "Another entry exist with the same externalReference number"): an
 *     earlier attempt — the SDK's retry after a lost answer, or yours — got through, so the
 *     customer has it. Bill Manager does not say whether that invoice has the same content: give
 *     every invoice its own reference
 * @param answer Bill Manager's answer: the success, or the 409 refusal when {@code alreadySent}
 */
public record InvoiceSent(
    String externalReference, boolean alreadySent, BillManagerAnswer answer) {}
