package io.github.darajakit.gateway.initiator;

/** An initiator operation as the shared lifecycle reads it; each flow's record implements it. */
public interface Operation {

  /** Its id ({@code po_…}, {@code rev_…}). */
  String id();

  /** Where it stands. */
  Stage stage();

  /** Its status as the merchant API names it ({@code pending}, {@code unknown}…). */
  String statusName();

  /**
   * Which sending of it this is: 0, then one more each time it is sent again. A Result or queue
   * timeout about an earlier sending does not move a later one.
   */
  default int sending() {
    return 0;
  }

  /** When the reconciler looks at it next (epoch ms), or {@code null}. */
  Long nextCheckAt();

  /** How many times the reconciler has asked about it. */
  int checkAttempts();
}
