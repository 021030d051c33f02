/**
 * M-Pesa Bill Manager (REFERENCE §14): opting a PayBill in, sending and cancelling e-invoices, and
 * acknowledging the payments Bill Manager pushes to the biller's callback URL. Sent through {@link
 * io.github.darajakit.client.BillManagerService}; the push itself is read by {@link
 * io.github.darajakit.client.callbacks.DarajaCallbacks#parseBillPayment(String)}.
 */
package io.github.darajakit.client.billmanager;
