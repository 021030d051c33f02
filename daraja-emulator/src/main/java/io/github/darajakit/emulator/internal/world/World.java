package io.github.darajakit.emulator.internal.world;

import io.github.darajakit.emulator.EmulatorConfig;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The emulated M-Pesa: customers, organisations and one ledger.
 *
 * <p>Money moves only inside {@link #atomically}, which holds one lock for the whole world: every
 * transfer checks and changes balances in one step, so the sum of all balances only ever changes by
 * the amounts recorded in the ledger. The critical sections are a few field updates, so one lock
 * costs nothing measurable even at the load-test rate.
 */
public final class World {

  private final Object lock = new Object();
  private final Map<String, Customer> customers = new ConcurrentHashMap<>();
  private final Map<String, Organisation> organisations = new ConcurrentHashMap<>();
  private final Map<String, Transaction> byReceipt = new ConcurrentHashMap<>();
  private final Map<String, Transaction> byOriginatorConversationId = new ConcurrentHashMap<>();
  private final Map<String, Transaction> byConversationId = new ConcurrentHashMap<>();
  private final ConcurrentLinkedDeque<Transaction> inOrder = new ConcurrentLinkedDeque<>();
  private final Map<String, StandingOrder> standingOrders = new ConcurrentHashMap<>();
  // Shortcodes whose C2B External Validation Safaricom has switched on (REFERENCE §5.1).
  private final Set<String> externalValidation = ConcurrentHashMap.newKeySet();

  /** Empties the world and provisions it from the configuration. */
  public void reset(EmulatorConfig config) {
    synchronized (lock) {
      customers.clear();
      organisations.clear();
      byReceipt.clear();
      byOriginatorConversationId.clear();
      byConversationId.clear();
      inOrder.clear();
      standingOrders.clear();
      if (config.sandboxData()) {
        SandboxWorld.customers().forEach(this::provision);
        SandboxWorld.organisations().forEach(this::provision);
      }
      config.customers().forEach(this::provision);
      config.organisations().forEach(this::provision);
      externalValidation.clear();
      externalValidation.addAll(config.externalValidation());
    }
  }

  /** True if payments to {@code shortCode} are sent to its ValidationURL first. */
  public boolean externalValidation(String shortCode) {
    return externalValidation.contains(shortCode);
  }

  /** Switches a shortcode's External Validation on or off (what Safaricom does on request). */
  public void externalValidation(String shortCode, boolean enabled) {
    if (enabled) {
      externalValidation.add(shortCode);
    } else {
      externalValidation.remove(shortCode);
    }
  }

  /** Creates or replaces a customer. */
  public Customer provision(EmulatorConfig.Customer seed) {
    Customer customer =
        new Customer(
            seed.msisdn(),
            seed.firstName(),
            seed.middleName(),
            seed.lastName(),
            seed.balanceCents(),
            seed.pin(),
            seed.registered());
    synchronized (lock) {
      customers.put(customer.msisdn(), customer);
    }
    return customer;
  }

  /** Creates or replaces an organisation. */
  public Organisation provision(EmulatorConfig.Organisation seed) {
    Map<AccountType, Long> balances = new EnumMap<>(AccountType.class);
    seed.balancesCents().forEach((alias, cents) -> balances.put(AccountType.parse(alias), cents));
    Organisation organisation =
        new Organisation(
            seed.shortCode(),
            seed.name(),
            seed.buyGoods() ? OrganisationType.BUY_GOODS : OrganisationType.PAYBILL,
            seed.passkey(),
            seed.headOffice(),
            balances);
    synchronized (lock) {
      organisations.put(organisation.shortCode(), organisation);
    }
    return organisation;
  }

  /** Runs {@code work} holding the world lock; all balance changes must happen inside one. */
  public <T> T atomically(Supplier<T> work) {
    synchronized (lock) {
      return work.get();
    }
  }

  public Optional<Customer> customer(String msisdn) {
    return Optional.ofNullable(customers.get(msisdn));
  }

  /**
   * The customer with this MSISDN, created with {@code openingBalanceCents} if unknown and {@code
   * create} is true.
   */
  public Optional<Customer> customer(String msisdn, boolean create, long openingBalanceCents) {
    Customer existing = customers.get(msisdn);
    if (existing != null || !create) {
      return Optional.ofNullable(existing);
    }
    return Optional.of(
        customers.computeIfAbsent(
            msisdn,
            m ->
                new Customer(
                    m,
                    "CUSTOMER",
                    "",
                    m.substring(m.length() - 4),
                    openingBalanceCents,
                    "1234",
                    true)));
  }

  /** Replaces what the network knows about a customer's SIM. */
  public void setSim(Customer customer, SimCard sim) {
    customer.setSim(sim);
  }

  /**
   * Gives each scenario customer whose SIM was swapped recently its swap, counted back from {@code
   * now} (the emulator's clock): called after every reset, so the swap is always recent at start.
   */
  public void swapScenarioSims(LocalDateTime now) {
    for (Scenario scenario : Scenario.values()) {
      if (scenario.simSwappedAgo() != null) {
        customer(scenario.msisdn())
            .ifPresent(c -> c.setSim(c.sim().swappedAt(now.minus(scenario.simSwappedAgo()))));
      }
    }
  }

  public Optional<Organisation> organisation(String shortCode) {
    return Optional.ofNullable(organisations.get(shortCode));
  }

  public Collection<Customer> customers() {
    return customers.values();
  }

  public Collection<Organisation> organisations() {
    return organisations.values();
  }

  /** Adds cents to a customer's wallet (negative to take). Only inside {@link #atomically}. */
  public void adjust(Customer customer, long cents) {
    requireLock();
    customer.add(cents);
  }

  /** Adds cents to an organisation account (negative to take). Only inside {@link #atomically}. */
  public void adjust(Organisation organisation, AccountType account, long cents) {
    requireLock();
    organisation.add(account, cents);
  }

  /** Sets a customer's balance (admin). */
  public void setBalance(Customer customer, long cents) {
    synchronized (lock) {
      customer.setBalance(cents);
    }
  }

  /** Sets an organisation account's balance (admin). */
  public void setBalance(Organisation organisation, AccountType account, long cents) {
    synchronized (lock) {
      organisation.set(account, cents);
    }
  }

  /** How much a customer has sent on {@code day}. Only inside {@link #atomically}. */
  public long sentOn(Customer customer, java.time.LocalDate day) {
    requireLock();
    return customer.sentOn(day);
  }

  /** Adds to a customer's sent-today total. Only inside {@link #atomically}. */
  public void recordSent(Customer customer, java.time.LocalDate day, long cents) {
    requireLock();
    customer.recordSent(day, cents);
  }

  /** A snapshot of an organisation's balances. */
  public Map<AccountType, Long> balances(Organisation organisation) {
    synchronized (lock) {
      return organisation.balances();
    }
  }

  /**
   * Writes a ledger entry.
   *
   * @throws IllegalStateException if the receipt is already in the ledger (receipts come from a
   *     generator that never repeats one, so this would be an emulator bug)
   */
  public Transaction record(
      String receipt,
      TransactionKind kind,
      Transaction.Status status,
      long amountCents,
      Party debit,
      Party credit,
      Instant initiatedAt,
      Instant completedAt,
      String originatorConversationId,
      String conversationId,
      String billReference,
      String originalReceipt) {
    Transaction transaction =
        new Transaction(
            receipt,
            kind,
            status,
            amountCents,
            debit,
            credit,
            initiatedAt,
            completedAt,
            nullToEmpty(originatorConversationId),
            nullToEmpty(conversationId),
            nullToEmpty(billReference),
            nullToEmpty(originalReceipt));
    if (byReceipt.putIfAbsent(receipt, transaction) != null) {
      throw new IllegalStateException("receipt " + receipt + " already used");
    }
    if (!transaction.originatorConversationId().isEmpty()) {
      byOriginatorConversationId.put(transaction.originatorConversationId(), transaction);
    }
    if (!transaction.conversationId().isEmpty()) {
      byConversationId.put(transaction.conversationId(), transaction);
    }
    inOrder.addLast(transaction);
    return transaction;
  }

  /** Marks a transaction reversed. Only inside {@link #atomically}. */
  public void markReversed(Transaction original, String reversalReceipt) {
    requireLock();
    original.markReversed(reversalReceipt);
  }

  public Optional<Transaction> transaction(String receipt) {
    return Optional.ofNullable(byReceipt.get(receipt));
  }

  public Optional<Transaction> byOriginatorConversationId(String id) {
    return Optional.ofNullable(byOriginatorConversationId.get(id));
  }

  public Optional<Transaction> byConversationId(String id) {
    return Optional.ofNullable(byConversationId.get(id));
  }

  /** Ledger entries matching a filter, newest first, at most {@code limit}. */
  public List<Transaction> transactions(Predicate<Transaction> filter, int limit) {
    List<Transaction> result = new ArrayList<>();
    Iterator<Transaction> newestFirst = inOrder.descendingIterator();
    while (newestFirst.hasNext() && result.size() < limit) {
      Transaction t = newestFirst.next();
      if (filter.test(t)) {
        result.add(t);
      }
    }
    return result;
  }

  /** Ledger entries matching a filter, oldest first by completion time. */
  public List<Transaction> transactionsChronological(Predicate<Transaction> filter) {
    List<Transaction> result = new ArrayList<>();
    for (Transaction t : inOrder) {
      if (filter.test(t)) {
        result.add(t);
      }
    }
    result.sort(Comparator.comparing(Transaction::completedAt));
    return result;
  }

  public int transactionCount() {
    return byReceipt.size();
  }

  /** Drops ledger entries older than {@code cutoff} and beyond {@code maxEntries}, oldest first. */
  public int prune(Instant cutoff, int maxEntries) {
    int removed = 0;
    while (true) {
      Transaction oldest = inOrder.peekFirst();
      if (oldest == null
          || (!oldest.completedAt().isBefore(cutoff) && byReceipt.size() <= maxEntries)) {
        return removed;
      }
      inOrder.pollFirst();
      byReceipt.remove(oldest.receipt(), oldest);
      byOriginatorConversationId.remove(oldest.originatorConversationId(), oldest);
      byConversationId.remove(oldest.conversationId(), oldest);
      removed++;
    }
  }

  /**
   * Adds a standing order the customer consented to, unless the customer already has one (in any
   * status) with the same name.
   *
   * @return false for a duplicate name (Ratiba's 1050)
   */
  public boolean addStandingOrder(StandingOrder order) {
    synchronized (lock) {
      for (StandingOrder existing : standingOrders.values()) {
        if (existing.terms().msisdn().equals(order.terms().msisdn())
            && existing.terms().name().equals(order.terms().name())) {
          return false;
        }
      }
      standingOrders.put(order.id(), order);
      return true;
    }
  }

  /** Every standing order, oldest first. */
  public List<StandingOrder> standingOrders() {
    List<StandingOrder> list = new ArrayList<>(standingOrders.values());
    list.sort(Comparator.comparing(StandingOrder::activatedAt).thenComparing(StandingOrder::id));
    return list;
  }

  public Optional<StandingOrder> standingOrder(String id) {
    return Optional.ofNullable(standingOrders.get(id));
  }

  public int standingOrderCount() {
    return standingOrders.size();
  }

  /** Records a due date's debit and moves the order past it. Only inside {@link #atomically}. */
  public void recordDebit(StandingOrder.Due due, StandingOrder.Debit debit) {
    requireLock();
    due.order().recordDebit(due.index(), debit);
  }

  /**
   * Moves a standing order to another status, if its transition table allows it.
   *
   * @return false if it may not (it is already cancelled or ended)
   */
  public boolean transition(StandingOrder order, StandingOrder.Status next) {
    synchronized (lock) {
      if (!order.status().canBecome(next)) {
        return false;
      }
      order.moveTo(next);
      return true;
    }
  }

  private void requireLock() {
    if (!Thread.holdsLock(lock)) {
      throw new IllegalStateException("balances change only inside World.atomically");
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
