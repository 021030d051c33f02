package io.github.darajakit.emulator.internal.world;

import java.time.LocalDate;

/** An M-Pesa subscriber. The balance and daily totals change only inside {@link World}'s lock. */
public final class Customer {

  private final String msisdn;
  private final String firstName;
  private final String middleName;
  private final String lastName;
  private final String pin;
  private final boolean registered;
  private long balance;
  private LocalDate sentDay = LocalDate.MIN;
  private long sentToday;
  // Replaced whole, never changed in place: a reader sees one consistent set of facts.
  private volatile SimCard sim;

  Customer(
      String msisdn,
      String firstName,
      String middleName,
      String lastName,
      long balance,
      String pin,
      boolean registered) {
    this.msisdn = msisdn;
    this.firstName = firstName;
    this.middleName = middleName;
    this.lastName = lastName;
    this.balance = balance;
    this.pin = pin;
    this.registered = registered;
    this.sim = SimCard.defaultFor(msisdn);
  }

  /** {@code 2547XXXXXXXX}. */
  public String msisdn() {
    return msisdn;
  }

  public String firstName() {
    return firstName;
  }

  public String middleName() {
    return middleName;
  }

  public String lastName() {
    return lastName;
  }

  /** {@code "JOHN DOE"}: names as M-Pesa prints them. */
  public String fullName() {
    StringBuilder name = new StringBuilder(firstName);
    if (!middleName.isEmpty()) {
      name.append(' ').append(middleName);
    }
    if (!lastName.isEmpty()) {
      name.append(' ').append(lastName);
    }
    return name.toString();
  }

  /** {@code "254708374149 - John Doe"}: how results name a customer. */
  public String publicName() {
    return msisdn + " - " + fullName();
  }

  public String pin() {
    return pin;
  }

  /** False for an unregistered (non-KYC) subscriber, who cannot receive most B2C payments. */
  public boolean registered() {
    return registered;
  }

  /** The SIM's IMSI, registration date and last swap. */
  public SimCard sim() {
    return sim;
  }

  void setSim(SimCard sim) {
    this.sim = sim;
  }

  /** Balance in cents. Call under the world lock for a consistent view. */
  public long balance() {
    return balance;
  }

  void add(long cents) {
    balance = Math.addExact(balance, cents);
  }

  void setBalance(long cents) {
    balance = cents;
  }

  long sentOn(LocalDate day) {
    return day.equals(sentDay) ? sentToday : 0;
  }

  void recordSent(LocalDate day, long cents) {
    if (!day.equals(sentDay)) {
      sentDay = day;
      sentToday = 0;
    }
    sentToday = Math.addExact(sentToday, cents);
  }
}
